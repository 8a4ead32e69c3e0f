using System.Globalization;
using System.Security.Claims;
using Grocery.Ordering.Clients;
using Grocery.Ordering.Picking;
using Grocery.Ordering.Saga;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Grocery.Ordering.Apis;

/// <summary>
/// Picking and packing in the warehouse: the queue, claiming an order (from then on the shopper can no
/// longer cancel), the pick list, confirming each line by GTIN and weight, shorts, substitutes and
/// removals, and packing with the final total. Staff only reach orders of the warehouse they work in.
/// </summary>
public static class PickingApi
{
    private static readonly string[] StorageOrder = ["ambient", "chilled", "frozen"];

    public static IEndpointRouteBuilder MapPickingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/picking").WithTags("Picking").RequireAuthorization(GroceryPolicies.Picker)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", QueueAsync)
            .WithSummary("Confirmed orders of a warehouse and those being picked, earliest delivery slot first.");
        api.MapPost("/{orderId:guid}/claim", ClaimAsync)
            .WithSummary("Claims a confirmed order for the calling picker; claiming it again is a no-op.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{orderId:guid}", GetPickListAsync)
            .WithSummary("The pick list, grouped by storage and aisle, with each line's state.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{orderId:guid}/lines/{lineNo:int}/pick", PickAsync)
            .WithSummary("Confirms a line by its GTIN with the picked quantity or, for weighed goods, the weight.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{orderId:guid}/lines/{lineNo:int}/short", ShortAsync)
            .WithSummary("Marks a line short: the shelf has less than ordered.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{orderId:guid}/lines/{lineNo:int}/substitutes", SubstitutesAsync)
            .WithSummary("Substitutes the shopper's preference allows for a line, in stock in the order's warehouse.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{orderId:guid}/lines/{lineNo:int}/substitute", SubstituteAsync)
            .WithSummary("Replaces a line with a substitute, reserved in Inventory first, charged at no more than the original's price.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{orderId:guid}/lines/{lineNo:int}/remove", RemoveAsync)
            .WithSummary("Removes a line from the order (no substitute wanted or found); it is not charged.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{orderId:guid}/pack", PackAsync)
            .WithSummary("Packs a fully picked order: the final total, then the payment step and ready for dispatch.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<PickingQueueResponse>, ValidationProblem, ProblemHttpResult>> QueueAsync(
        ClaimsPrincipal user, OrderingDbContext db, Guid? warehouseId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if ((warehouseId ?? user.GetWarehouseId()) is not { } warehouse)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["Name the warehouse whose queue to show."] });
        if (limit is < 1 or > OrderingLimits.MaxPickingQueuePage)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Between 1 and {OrderingLimits.MaxPickingQueuePage}."] });
        (DateTimeOffset Start, Guid Id)? after = null;
        if (cursor is not null)
        {
            if (!TryDecode(cursor, out var decoded))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["Pass the nextCursor of the previous page."] });
            after = decoded;
        }
        if (!user.MayWorkIn(warehouse)) return Forbidden();
        var take = limit ?? 50;
        var query = db.Orders.AsNoTracking()
            .Where(o => o.WarehouseId == warehouse && (o.Status == OrderStatus.Confirmed || o.Status == OrderStatus.Picking));
        if (after is { } a)
            query = query.Where(o => o.SlotWindowStart > a.Start || (o.SlotWindowStart == a.Start && o.Id.CompareTo(a.Id) > 0));
        var orders = await query.OrderBy(o => o.SlotWindowStart).ThenBy(o => o.Id).Take(take + 1).ToListAsync(cancellationToken);
        var me = user.GetUserId();
        var page = orders.Take(take).Select(o => new PickingQueueEntry(o.Id, o.Status, o.SlotWindowStart, o.SlotWindowEnd, o.Items.Count,
            o.PickerId is not null && o.PickerId == me, o.Items.Any(i => i.PickState == LinePickState.Short))).ToList();
        var next = orders.Count > take ? Encode(page[^1].SlotWindowStart, page[^1].OrderId) : null;
        return TypedResults.Ok(new PickingQueueResponse(warehouse, page, next));
    }

    public static Task<Results<Ok<PickListResponse>, ProblemHttpResult>> ClaimAsync(
        Guid orderId, ClaimsPrincipal user, OrderStepRunner runner, IOptions<OrderingOptions> options, CancellationToken cancellationToken) =>
        StepAsync(orderId, user, runner, options, (order, services) =>
        {
            order.ClaimForPicking(user.GetUserId()!, services.GetRequiredService<TimeProvider>().GetUtcNow());
            return Task.CompletedTask;
        }, picking: false, cancellationToken);

    public static async Task<Results<Ok<PickListResponse>, ProblemHttpResult>> GetPickListAsync(
        Guid orderId, ClaimsPrincipal user, OrderingDbContext db, IOptions<OrderingOptions> options, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        try
        {
            Authorize(order, user);
            return TypedResults.Ok(PickList(order!, options.Value));
        }
        catch (PickingRefusedException e)
        {
            return Refused(e);
        }
    }

    public static Task<Results<Ok<PickListResponse>, ProblemHttpResult>> PickAsync(
        Guid orderId, int lineNo, PickLineRequest request, ClaimsPrincipal user, OrderStepRunner runner, IOptions<OrderingOptions> options,
        CancellationToken cancellationToken) =>
        StepAsync(orderId, user, runner, options, (order, _) =>
        {
            order.RecordPick(lineNo, request.Gtin, request.Quantity, request.WeightKg, options.Value.WeighedBuffer);
            return Task.CompletedTask;
        }, picking: true, cancellationToken);

    public static Task<Results<Ok<PickListResponse>, ProblemHttpResult>> ShortAsync(
        Guid orderId, int lineNo, ShortLineRequest request, ClaimsPrincipal user, OrderStepRunner runner, IOptions<OrderingOptions> options,
        CancellationToken cancellationToken) =>
        StepAsync(orderId, user, runner, options, (order, _) =>
        {
            var line = order.Line(lineNo);
            if (request.Available is not { } available || available < 0 || available >= line.Quantity)
                throw PickingRefusedException.Invalid("available", string.Create(CultureInfo.InvariantCulture,
                    $"How much is on the shelf: from 0 to less than the {line.Quantity:0.###} ordered."));
            order.RecordShort(lineNo, available, "Short on the shelf");
            return Task.CompletedTask;
        }, picking: true, cancellationToken);

    public static async Task<Results<Ok<SubstitutesResponse>, ProblemHttpResult>> SubstitutesAsync(
        Guid orderId, int lineNo, ClaimsPrincipal user, OrderingDbContext db, SubstituteFinder finder, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        try
        {
            Authorize(order, user);
            var line = order!.Line(lineNo);
            var candidates = await finder.FindAsync(order, line, cancellationToken);
            return TypedResults.Ok(new SubstitutesResponse(lineNo, line.Substitution, candidates.Select(c => new SubstituteResponse(
                c.Product.Sku, c.Product.Name, c.Product.Price, c.ChargedUnitPrice, c.Product.SoldByWeight, c.Product.Unit, c.Product.NetContent, c.Available)).ToList()));
        }
        catch (PickingRefusedException e)
        {
            return Refused(e);
        }
    }

    /// <summary>
    /// The substitute must be one the finder offers (the shopper's preference, in stock) and is reserved in
    /// Inventory before the order records it, so picking never oversells; a substitute Inventory cannot
    /// reserve is refused. The reservation is keyed by order, line, SKU and quantity, so a retry is harmless.
    /// </summary>
    public static async Task<Results<Ok<PickListResponse>, ProblemHttpResult>> SubstituteAsync(
        Guid orderId, int lineNo, SubstituteLineRequest request, ClaimsPrincipal user, OrderingDbContext db, SubstituteFinder finder,
        IInventoryClient inventory, OrderStepRunner runner, IOptions<OrderingOptions> options, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        SubstituteCandidate chosen;
        try
        {
            Authorize(order, user);
            EnsurePicking(order!, user);
            var line = order!.Line(lineNo);
            var sku = request.Sku?.Trim() ?? "";
            if (sku.Length == 0) throw PickingRefusedException.Invalid("sku", "Name the substitute's SKU.");
            order.EnsureSubstituteAllowed(line, lineNo, sku);
            if (request.Quantity is not { } quantity || quantity <= 0 || quantity > QuantityRules.MaxWeightKg)
                throw PickingRefusedException.Invalid("quantity", "Give the quantity of the substitute (items, or kg when weighed).");
            if (line.PickState == LinePickState.Substituted && string.Equals(line.PickedSubstituteSku, sku, StringComparison.OrdinalIgnoreCase)
                && line.PickedSubstituteQuantity == quantity)
                return TypedResults.Ok(PickList(order, options.Value));
            // Refused before anything is reserved: a resolved line takes no substitute.
            if (line.PickState is not (LinePickState.Pending or LinePickState.Short))
                throw PickingRefusedException.Conflict("The line is resolved", $"Line {lineNo} is {line.PickState.ToString().ToLowerInvariant()}.");
            var candidates = await finder.FindAsync(order, line, cancellationToken);
            chosen = candidates.FirstOrDefault(c => string.Equals(c.Product.Sku, sku, StringComparison.OrdinalIgnoreCase))
                ?? throw PickingRefusedException.Invalid("sku", $"{sku} is not a substitute the shopper accepts for line {lineNo}, or it is out of stock.");
            if (!chosen.Product.SoldByWeight && quantity != decimal.Truncate(quantity))
                throw PickingRefusedException.Invalid("quantity", "A counted product is substituted by whole items.");
            var key = string.Create(CultureInfo.InvariantCulture, $"{orderId:N}:{lineNo}:{chosen.Product.Sku}:{quantity}");
            switch (await inventory.ReserveSubstituteAsync(orderId, line.Sku, chosen.Product.Sku, quantity, key, cancellationToken))
            {
                case SubstituteReservation.Unavailable:
                    throw PickingRefusedException.Conflict("The substitute is not available",
                        $"Inventory cannot reserve {quantity:0.###} of {chosen.Product.Sku}; choose another substitute or remove the line.");
                case SubstituteReservation.NoReservation:
                    throw PickingRefusedException.Conflict("No stock reservation for the order", "Inventory holds no reservation for this order.");
            }
        }
        catch (PickingRefusedException e)
        {
            return Refused(e);
        }
        return await StepAsync(orderId, user, runner, options, (o, _) =>
        {
            o.RecordSubstitute(lineNo, chosen.Product.Sku, chosen.Product.Name, request.Quantity!.Value, chosen.Product.Price, chosen.Product.TaxClass);
            return Task.CompletedTask;
        }, picking: true, cancellationToken);
    }

    public static Task<Results<Ok<PickListResponse>, ProblemHttpResult>> RemoveAsync(
        Guid orderId, int lineNo, RemoveLineRequest? request, ClaimsPrincipal user, OrderStepRunner runner, IOptions<OrderingOptions> options,
        CancellationToken cancellationToken) =>
        StepAsync(orderId, user, runner, options, (order, _) =>
        {
            var line = order.Line(lineNo);
            var reason = request?.Reason?.Trim();
            if (reason is { Length: > OrderingLimits.NoteMaxLength }) throw PickingRefusedException.Invalid("reason", $"At most {OrderingLimits.NoteMaxLength} characters.");
            order.RemoveLine(lineNo, string.IsNullOrEmpty(reason)
                ? line.Substitution == SubstitutionPreference.None ? "Out of stock; you asked for no substitute" : "Out of stock; no suitable substitute"
                : reason);
            return Task.CompletedTask;
        }, picking: true, cancellationToken);

    /// <summary>Packed (OrderPicked, OrderPacked) in one transaction, then the payment step in the next; repeating it is harmless.</summary>
    public static async Task<Results<Ok<PackResponse>, ProblemHttpResult>> PackAsync(
        Guid orderId, PackRequest request, ClaimsPrincipal user, OrderStepRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            if (request.PackageCount is not (>= 1 and <= OrderingLimits.MaxPackages))
                throw PickingRefusedException.Invalid("packageCount", $"The number of bags or boxes, 1 to {OrderingLimits.MaxPackages}.");
            await runner.RunAsync(orderId, (order, services, ct) =>
            {
                Authorize(order, user);
                return PackingSteps.Pack(request.PackageCount.Value, user.GetUserId()!, MayTakeOver(user))(order, services, ct);
            }, cancellationToken);
            var order = await runner.RunAsync(orderId, async (order, services, ct) =>
            {
                await PackingSteps.ReadyForDispatchAsync(order, services, ct);
                return order!;
            }, cancellationToken);
            return TypedResults.Ok(new PackResponse(order.Id, order.Status, order.FinalSubtotal ?? 0m,
                order.FinalVat.Select(v => new VatResponse(v.Rate, v.Gross, v.Vat)).ToList(), order.DeliveryFee, order.FinalTotal ?? 0m,
                order.PackageCount ?? 0, order.AmountToCollect, order.CapturedAmount));
        }
        catch (PickingRefusedException e)
        {
            return Refused(e);
        }
    }

    private static async Task<Results<Ok<PickListResponse>, ProblemHttpResult>> StepAsync(
        Guid orderId, ClaimsPrincipal user, OrderStepRunner runner, IOptions<OrderingOptions> options, Func<Order, IServiceProvider, Task> act,
        bool picking, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await runner.RunAsync(orderId, async (order, services, _) =>
            {
                Authorize(order, user);
                if (picking) EnsurePicking(order!, user);
                await act(order!, services);
                return PickList(order!, options.Value);
            }, cancellationToken));
        }
        catch (PickingRefusedException e)
        {
            return Refused(e);
        }
    }

    private static void Authorize(Order? order, ClaimsPrincipal user)
    {
        if (order is null) throw new PickingRefusedException(PickingRefusal.NotFound, null, "No such order", "No such order.");
        if (!user.MayWorkIn(order.WarehouseId))
            throw new PickingRefusedException(PickingRefusal.Forbidden, null, "Another warehouse's order", "You are not assigned to this order's warehouse.");
    }

    /// <summary>Only the picker who claimed the order works on it; a store manager or admin may take over.</summary>
    private static void EnsurePicking(Order order, ClaimsPrincipal user) => order.EnsurePickedBy(user.GetUserId()!, MayTakeOver(user));

    private static bool MayTakeOver(ClaimsPrincipal user) => user.IsInRole(GroceryRoles.StoreManager) || user.IsInRole(GroceryRoles.Admin);

    private static ProblemHttpResult Forbidden() => TypedResults.Problem(title: "Another warehouse", detail: "You are not assigned to this warehouse.",
        statusCode: StatusCodes.Status403Forbidden);

    private static ProblemHttpResult Refused(PickingRefusedException e) => e.Kind switch
    {
        PickingRefusal.Invalid => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [e.Field ?? "request"] = [e.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        }),
        PickingRefusal.NotFound => TypedResults.Problem(title: e.Title, detail: e.Message, statusCode: StatusCodes.Status404NotFound),
        PickingRefusal.Forbidden => TypedResults.Problem(title: e.Title, detail: e.Message, statusCode: StatusCodes.Status403Forbidden),
        _ => TypedResults.Problem(title: e.Title, detail: e.Message, statusCode: StatusCodes.Status409Conflict),
    };

    public static PickListResponse PickList(Order order, OrderingOptions options)
    {
        var lines = order.Items.Select((item, index) =>
        {
            var (min, max) = item.SoldByWeight ? Order.WeightRange(item, options.WeighedBuffer) : (0m, 0m);
            return (Storage: item.Storage ?? "ambient", Aisle: item.Aisle ?? "", Line: new PickListLine(index + 1, item.Sku, item.Gtin, item.Name, item.Quantity,
                item.SoldByWeight, item.SoldByWeight ? min : null, item.SoldByWeight ? max : null, item.UnitPrice, item.PickState.ToString().ToLowerInvariant(),
                item.PickedQuantity, item.WeightKg, item.ShortAvailable, item.Substitution, item.SubstituteSku, item.PickedSubstituteSku,
                item.PickedSubstituteName, item.PickedSubstituteQuantity, item.PickNote));
        }).ToList();
        var groups = lines.GroupBy(l => l.Storage)
            .OrderBy(g => Array.IndexOf(StorageOrder, g.Key) is var i and >= 0 ? i : StorageOrder.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PickListStorageGroup(g.Key, g.GroupBy(l => l.Aisle).OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new PickListAisle(a.Key, a.Select(l => l.Line).OrderBy(l => l.LineNo).ToList())).ToList()))
            .ToList();
        var shortLines = lines.Where(l => l.Line.State == "short").Select(l => l.Line.LineNo).ToList();
        return new PickListResponse(order.Id, order.WarehouseId, order.Status, order.PickerId, order.SlotWindowStart, shortLines, groups,
            order.Status == OrderStatus.Picking && order.Items.All(i => i.IsResolved));
    }

    private static string Encode(DateTimeOffset start, Guid id) =>
        string.Create(CultureInfo.InvariantCulture, $"{start.UtcTicks}.{id:N}");

    private static bool TryDecode(string cursor, out (DateTimeOffset Start, Guid Id) after)
    {
        after = default;
        var parts = cursor.Split('.');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[1], "N", out var id))
            return false;
        after = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
