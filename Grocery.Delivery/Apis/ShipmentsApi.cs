using System.Security.Claims;
using Grocery.Contracts.Delivery;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Clients;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Shipping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Delivery.Apis;

public static class ShipmentsApi
{
    public const int MaxRefusedLines = 200;
    public const int SkuMaxLength = 64;
    public const int RefusalReasonMaxLength = 200;
    public const decimal MaxRefusedQuantity = 10_000m;

    /// <summary>Drop-offs fetched from Ordering at once for one driver's list.</summary>
    private const int DropOffFetchParallelism = 4;

    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/shipments").WithTags("Shipments");
        api.MapGet("/{orderId:guid}", GetShipmentAsync).RequireAuthorization(GroceryPolicies.Customer)
            .WithSummary("The shipment of an order with its tracking timeline; staff see any, a shopper only their own (another's is not found).");
        api.MapGet("/", ListForDriversAsync).RequireAuthorization(GroceryPolicies.Driver)
            .WithSummary("A warehouse's in-house drop-offs for a day, in slot order, with each drop-off address from Ordering; status narrows them to one status.");
        api.MapPost("/{orderId:guid}/dispatched", DispatchedAsync).RequireAuthorization(GroceryPolicies.Driver)
            .WithSummary("The driver left the warehouse with the order (in-house fleet only).");
        api.MapPost("/{orderId:guid}/delivered", DeliveredAsync).RequireAuthorization(GroceryPolicies.Driver)
            .WithSummary("The order was handed over, with the cash collected and any lines the shopper refused.");
        api.MapPost("/{orderId:guid}/failed", FailedAsync).RequireAuthorization(GroceryPolicies.Driver)
            .WithSummary("The driver could not deliver the order.");
        return app;
    }

    /// <summary>The tracking timeline; another shopper's order is reported as not found, not forbidden.</summary>
    public static async Task<Results<Ok<ShipmentResponse>, NotFound>> GetShipmentAsync(
        Guid orderId, ClaimsPrincipal user, DeliveryDbContext db, CancellationToken cancellationToken)
    {
        var shipment = await db.Shipments.AsNoTracking().SingleOrDefaultAsync(s => s.OrderId == orderId, cancellationToken);
        var isStaff = user.IsInRole(GroceryRoles.Picker) || user.IsInRole(GroceryRoles.Driver) || user.IsInRole(GroceryRoles.StoreManager)
            || user.IsInRole(GroceryRoles.Admin);
        if (shipment is null || (!isStaff && (shipment.UserId is null || shipment.UserId != user.GetUserId()))) return TypedResults.NotFound();
        return TypedResults.Ok(Describe(shipment));
    }

    /// <summary>
    /// The drop-off addresses are read from Ordering for this answer and kept nowhere (no-store): Delivery
    /// stores no shopper address. A drop-off Ordering cannot give now is null; the rest of the list still comes.
    /// Only a shipment still to be driven (booked or dispatched) carries its drop-off: a delivered or failed one
    /// needs no address, and asking Ordering for the whole day's addresses at every refresh made each list cost
    /// one decryption per order of the day.
    /// </summary>
    public static async Task<Results<Ok<IReadOnlyList<DriverShipmentResponse>>, ValidationProblem, ProblemHttpResult>> ListForDriversAsync(
        Guid? warehouseId, DateOnly? date, string? status, ClaimsPrincipal user, HttpContext http, DeliveryDbContext db, IOrderingClient ordering,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if ((warehouseId ?? user.GetWarehouseId()) is not { } warehouse || warehouse == Guid.Empty)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["Choose a warehouse."] });
        ShipmentStatus? only = null;
        if (status is not null)
        {
            // Names only: Enum.TryParse would also take a number.
            if (!Enum.GetNames<ShipmentStatus>().Contains(status, StringComparer.OrdinalIgnoreCase))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"One of {string.Join(", ", Enum.GetNames<ShipmentStatus>())}."],
                });
            only = Enum.Parse<ShipmentStatus>(status, ignoreCase: true);
        }
        if (!user.MayWorkIn(warehouse)) return Forbidden(warehouse);

        var now = time.GetUtcNow();
        var zones = await db.Zones.AsNoTracking().Where(z => z.WarehouseId == warehouse)
            .Select(z => new { z.Id, z.TimeZoneId }).ToDictionaryAsync(z => z.Id, z => TimeZoneInfo.FindSystemTimeZoneById(z.TimeZoneId), cancellationToken);
        // A local day lies within a day either side of the UTC day, whatever the zone's offset.
        var day = date ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(Zone.DefaultTimeZone)).DateTime);
        var from = new DateTimeOffset(day.AddDays(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddDays(3);
        var query = db.Shipments.AsNoTracking().IgnoreAutoIncludes()
            .Where(s => s.WarehouseId == warehouse && s.Carrier == CarrierRegistry.InHouse && s.Status != ShipmentStatus.Cancelled
                && s.WindowStart >= from && s.WindowStart < to);
        if (only is { } wanted) query = query.Where(s => s.Status == wanted);
        var candidates = await query
            .OrderBy(s => s.WindowStart).ThenBy(s => s.WindowEnd).ThenBy(s => s.OrderId)
            .ToListAsync(cancellationToken);
        var shipments = candidates.Where(s => LocalDay(s, zones) == day).ToList();

        var dropOffs = new DriverDropOffResponse?[shipments.Count];
        var logger = loggers.CreateLogger(typeof(ShipmentsApi));
        await Parallel.ForEachAsync(Enumerable.Range(0, shipments.Count).Where(i => shipments[i].Status is ShipmentStatus.Booked or ShipmentStatus.Dispatched),
            new ParallelOptions { MaxDegreeOfParallelism = DropOffFetchParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    var d = await ordering.GetDropOffAsync(shipments[i].OrderId, ct);
                    dropOffs[i] = new DriverDropOffResponse(d.RecipientName, d.Phone, d.Address, d.District, d.Postcode, d.Latitude, d.Longitude);
                }
                catch (DropOffUnavailableException ex)
                {
                    logger.LogWarning(ex, "The driver list shows order {OrderId} without its drop-off", shipments[i].OrderId);
                }
            });

        http.Response.Headers.CacheControl = "no-store";
        IReadOnlyList<DriverShipmentResponse> result = shipments.Select((s, i) => new DriverShipmentResponse(s.OrderId, s.Id, s.ZoneId,
            s.Status.ToString(), s.WindowStart, s.WindowEnd, s.AmountToCollect, dropOffs[i])).ToList();
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<ShipmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DispatchedAsync(
        Guid orderId, ClaimsPrincipal user, DriverShipments drivers, CancellationToken cancellationToken) =>
        Answer(await drivers.DispatchAsync(orderId, user, cancellationToken));

    public static async Task<Results<Ok<ShipmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DeliveredAsync(
        Guid orderId, DeliveredRequest request, ClaimsPrincipal user, DriverShipments drivers, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var refused = new List<RefusedLine>();
        var lines = request.RefusedLines ?? [];
        if (lines.Count > MaxRefusedLines) errors["refusedLines"] = [$"At most {MaxRefusedLines} lines."];
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] is not { } line)
                {
                    errors[$"refusedLines[{i}]"] = ["A refused line must not be null."];
                    continue;
                }
                var sku = line.Sku?.Trim();
                if (string.IsNullOrEmpty(sku)) errors[$"refusedLines[{i}].sku"] = ["Name the SKU refused."];
                else if (StoredText.Check(sku, SkuMaxLength) is { } skuProblem) errors[$"refusedLines[{i}].sku"] = [skuProblem];
                else if (refused.Any(r => r.Sku == sku)) errors[$"refusedLines[{i}].sku"] = ["Each SKU once; add the quantities up."];
                if (line.Quantity <= 0 || line.Quantity > MaxRefusedQuantity)
                    errors[$"refusedLines[{i}].quantity"] = [$"More than 0 and at most {MaxRefusedQuantity:0}."];
                var reason = string.IsNullOrWhiteSpace(line.Reason) ? null : line.Reason.Trim();
                if (reason is not null && StoredText.Check(reason, RefusalReasonMaxLength) is { } reasonProblem)
                    errors[$"refusedLines[{i}].reason"] = [reasonProblem];
                if (!string.IsNullOrEmpty(sku)) refused.Add(new RefusedLine(sku, line.Quantity, reason));
            }
        }
        if (request.CashCollected is < 0 or > DeliveryLimits.MaxAmount) errors["cashCollected"] = [$"Between 0 and {DeliveryLimits.MaxAmount:0} đồng."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return Answer(await drivers.DeliverAsync(orderId, user, new DeliveryReport(request.CashCollected, refused), cancellationToken));
    }

    public static async Task<Results<Ok<ShipmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> FailedAsync(
        Guid orderId, FailedRequest request, ClaimsPrincipal user, DriverShipments drivers, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why the order could not be delivered."] });
        if (StoredText.Check(reason, DeliveryLimits.ShipmentEventDescriptionMaxLength) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [problem] });
        return Answer(await drivers.FailAsync(orderId, user, reason, cancellationToken));
    }

    private static Results<Ok<ShipmentResponse>, NotFound, ValidationProblem, ProblemHttpResult> Answer(DriverStepResult result) => result.Outcome switch
    {
        DriverStepOutcome.Applied or DriverStepOutcome.Repeated => TypedResults.Ok(Describe(result.Shipment!)),
        DriverStepOutcome.NotFound => TypedResults.NotFound(),
        DriverStepOutcome.Forbidden => Forbidden(result.Shipment!.WarehouseId),
        DriverStepOutcome.Invalid => TypedResults.ValidationProblem(result.Errors!),
        DriverStepOutcome.NotInHouse => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: $"This order travels with {result.Shipment!.Carrier}; its progress comes from the carrier.",
            type: "https://grocery.local/problems/shipment-not-in-house"),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: $"The shipment is {result.Shipment!.Status}; that step cannot follow.",
            detail: result.Shipment.Status == ShipmentStatus.Booked ? "Mark it dispatched first." : "The shipment's journey is over.",
            type: "https://grocery.local/problems/shipment-step-impossible"),
    };

    internal static ProblemHttpResult Forbidden(Guid warehouseId) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "You do not work in this warehouse.", detail: $"Warehouse {warehouseId} is not the one you are assigned to.",
        type: "https://grocery.local/problems/other-warehouse");

    private static DateOnly LocalDay(Shipment shipment, IReadOnlyDictionary<Guid, TimeZoneInfo> zones) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(shipment.WindowStart,
            zones.TryGetValue(shipment.ZoneId, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(Zone.DefaultTimeZone)).DateTime);

    private static ShipmentResponse Describe(Shipment shipment) =>
        new(shipment.Id, shipment.OrderId, shipment.Carrier, shipment.CarrierReference, shipment.Status.ToString(), shipment.WindowStart, shipment.WindowEnd,
            shipment.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Select(e => new ShipmentEventResponse(e.Status.ToString(), e.OccurredAt, e.Description, e.Source)).ToList());
}
