using System.Security.Claims;
using System.Text.Json;
using Grocery.Contracts;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Grocery.Inventory.Apis;

public static class StockApi
{
    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/stock").WithTags("Stock");
        api.MapGet("/{sku}", GetStock)
            .WithSummary("Show a SKU's stock in every warehouse that holds it: on hand, reserved, available, level and lots");
        api.MapPost("/availability", GetAvailability)
            .WithSummary("Check whether a warehouse has enough available stock for a list of lines, without reserving anything");
        api.MapGet("/{sku}/movements", GetMovements).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("List a SKU's stock movements, newest first; a store manager sees their own warehouse's, admins any or all");
        api.MapPost("/receipts", Receive).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Receive stock into the caller's warehouse as new lots; a repeat with the same Idempotency-Key answers as the first did")
            .Produces<StockChangeView>();
        api.MapPost("/adjustments", Adjust).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Correct stock on hand in the caller's warehouse (positive found, negative missing), all lines or none; a repeat with the same Idempotency-Key answers as the first did")
            .Produces<StockChangeView>();
        api.MapPost("/write-offs", WriteOff).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("Write off stock in the caller's warehouse, from a named lot when given, all lines or none; a repeat with the same Idempotency-Key answers as the first did")
            .Produces<StockChangeView>();
        api.MapGet("/alerts/low-stock", GetLowStock).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("List a warehouse's SKUs at or below their low-stock threshold, emptiest first; a store manager sees their own warehouse's")
            .Produces<List<LowStockView>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/alerts/expiring", GetExpiring).RequireAuthorization(GroceryPolicies.StoreManager)
            .WithSummary("List a warehouse's lots on hand whose best-before falls within the coming days (or has passed), soonest first; a store manager sees their own warehouse's")
            .Produces<ExpiringLotsView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<SkuStockView>, NotFound, ValidationProblem>> GetStock(string sku, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Sku(sku, "sku");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var rows = await (from s in db.StockItems.AsNoTracking()
                          join w in db.Warehouses.AsNoTracking() on s.WarehouseId equals w.Id
                          where s.Sku == sku
                          orderby w.Code
                          select new { s, w.Code }).ToListAsync(cancellationToken);
        if (rows.Count == 0) return TypedResults.NotFound();
        var lots = await db.Lots.AsNoTracking().Where(l => l.Sku == sku && l.Quantity > 0)
            .OrderBy(l => l.BestBefore == null).ThenBy(l => l.BestBefore).ThenBy(l => l.ReceivedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SkuStockView(sku, [.. rows.Select(r => new WarehouseStockView(
            r.s.WarehouseId, r.Code, r.s.OnHand, r.s.Reserved, r.s.Available, StockLevel.StateOf(r.s.Available, r.s.LowStockThreshold),
            r.s.LowStockThreshold,
            [.. lots.Where(l => l.WarehouseId == r.s.WarehouseId).Select(l => new LotView(l.Id, l.LotCode, l.BestBefore, l.Quantity, l.ReceivedAt))]))]));
    }

    public static async Task<Results<Ok<AvailabilityView>, ValidationProblem>> GetAvailability(
        AvailabilityRequest request, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Require(request.WarehouseId != Guid.Empty, "warehouseId", "A warehouse is required.");
        validation.Lines(request.Lines, (line, path) =>
        {
            validation.Sku(line.Sku, $"{path}.sku");
            validation.Quantity(line.Quantity, $"{path}.quantity");
        });
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var skus = request.Lines!.Select(l => l.Sku!).Distinct().ToList();
        var stock = await db.StockItems.AsNoTracking()
            .Where(s => s.WarehouseId == request.WarehouseId && skus.Contains(s.Sku))
            .ToDictionaryAsync(s => s.Sku, cancellationToken);
        var lines = request.Lines!.GroupBy(l => l.Sku!).Select(g =>
        {
            var requested = g.Sum(l => l.Quantity);
            var item = stock.GetValueOrDefault(g.Key);
            var available = item?.Available ?? 0;
            var state = item is null ? StockState.Out : StockLevel.StateOf(available, item.LowStockThreshold);
            return new LineAvailabilityView(g.Key, requested, available, state, available >= requested);
        }).ToList();
        return TypedResults.Ok(new AvailabilityView(request.WarehouseId, lines.All(l => l.Sufficient), lines));
    }

    /// <summary>A store manager sees the ledger of their own warehouse (the default when none is given); admins any or all.</summary>
    public static async Task<Results<Ok<List<MovementView>>, NotFound, ValidationProblem, ProblemHttpResult>> GetMovements(
        string sku, Guid? warehouseId, int? limit, ClaimsPrincipal user, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Sku(sku, "sku");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (warehouseId is null && !user.IsInRole(GroceryRoles.Admin) && !user.IsInRole(GroceryRoles.Service))
        {
            warehouseId = user.GetWarehouseId();
            if (warehouseId is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No warehouse assigned.",
                    detail: "Staff see the ledger of the warehouse they are assigned to; you are assigned to none.");
        }
        if (warehouseId is { } requested && !user.MayWorkIn(requested)) return Callers.NotYourWarehouse(requested);
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        var query = db.StockMovements.AsNoTracking().Where(m => m.Sku == sku);
        if (warehouseId is not null) query = query.Where(m => m.WarehouseId == warehouseId);
        var movements = await query.OrderByDescending(m => m.Id).Take(take)
            .Select(m => new MovementView(m.Id, m.WarehouseId, m.Sku, m.LotId, m.Kind, m.OnHandDelta, m.ReservedDelta, m.OrderId, m.Actor, m.Reason, m.OccurredAt))
            .ToListAsync(cancellationToken);
        return movements.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(movements);
    }

    public static async Task<Results<Ok<List<LowStockView>>, ValidationProblem, ProblemHttpResult>> GetLowStock(
        Guid? warehouseId, int? limit, ClaimsPrincipal user, InventoryDbContext db, CancellationToken cancellationToken)
    {
        if (OwnWarehouse(user, warehouseId) is not { } warehouse) return NoWarehouse();
        if (warehouse == Guid.Empty) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["A warehouse is required."] });
        if (!user.MayWorkIn(warehouse)) return Callers.NotYourWarehouse(warehouse);
        var take = Math.Clamp(limit ?? 200, 1, 1000);
        var rows = await db.StockItems.AsNoTracking()
            .Where(s => s.WarehouseId == warehouse && s.OnHand - s.Reserved <= s.LowStockThreshold)
            .OrderBy(s => s.OnHand - s.Reserved).ThenBy(s => s.Sku).Take(take)
            .Select(s => new { s.Sku, s.OnHand, s.Reserved, s.LowStockThreshold })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new LowStockView(r.Sku, r.OnHand, r.Reserved, r.OnHand - r.Reserved,
            StockLevel.StateOf(r.OnHand - r.Reserved, r.LowStockThreshold), r.LowStockThreshold)).ToList());
    }

    /// <summary>"Soon" is counted in the warehouse's own calendar, the one its best-before dates are read in.</summary>
    public static async Task<Results<Ok<ExpiringLotsView>, ValidationProblem, ProblemHttpResult>> GetExpiring(
        Guid? warehouseId, int? days, int? limit, ClaimsPrincipal user, InventoryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OwnWarehouse(user, warehouseId) is not { } warehouse) return NoWarehouse();
        var validation = new RequestValidation();
        validation.Require(warehouse != Guid.Empty, "warehouseId", "A warehouse is required.");
        validation.Require(days is null or (>= 0 and <= InventoryLimits.MaxExpiringDays), "days",
            $"Days ahead is between 0 and {InventoryLimits.MaxExpiringDays}.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!user.MayWorkIn(warehouse)) return Callers.NotYourWarehouse(warehouse);
        var zone = await db.Warehouses.AsNoTracking().Where(w => w.Id == warehouse).Select(w => w.TimeZone).SingleOrDefaultAsync(cancellationToken);
        if (zone is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["The warehouse does not exist."] });
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var until = today.AddDays(days ?? 3);
        var take = Math.Clamp(limit ?? 200, 1, 1000);
        var lots = await db.Lots.AsNoTracking()
            .Where(l => l.WarehouseId == warehouse && l.Quantity > 0 && l.BestBefore != null && l.BestBefore <= until)
            .OrderBy(l => l.BestBefore).ThenBy(l => l.Sku).ThenBy(l => l.ReceivedAt).Take(take)
            .Select(l => new ExpiringLotView(l.Id, l.Sku, l.LotCode, l.BestBefore!.Value, l.Quantity, l.ReceivedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ExpiringLotsView(warehouse, today, until, lots));
    }

    /// <summary>The warehouse asked for, else the caller's own; null for staff assigned to none who named none.</summary>
    private static Guid? OwnWarehouse(ClaimsPrincipal user, Guid? asked) =>
        asked ?? user.GetWarehouseId() ?? (user.IsInRole(GroceryRoles.Admin) || user.IsInRole(GroceryRoles.Service) ? Guid.Empty : null);

    private static ProblemHttpResult NoWarehouse() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "No warehouse assigned.",
        detail: "Staff see the stock of the warehouse they are assigned to; you are assigned to none.");

    public static async Task<IResult> Receive(
        ReceiptRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, [AsParameters] StockWriteServices services, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Require(request.WarehouseId != Guid.Empty, "warehouseId", "A warehouse is required.");
        validation.Text(request.Reference, "reference", InventoryLimits.ReceiptReferenceLength);
        validation.Lines(request.Lines, (line, path) =>
        {
            validation.Sku(line.Sku, $"{path}.sku");
            validation.Quantity(line.Quantity, $"{path}.quantity");
            validation.Text(line.LotCode, $"{path}.lotCode", InventoryLimits.LotCodeLength);
            validation.Threshold(line.LowStockThreshold, $"{path}.lowStockThreshold");
        });
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!user.MayWorkIn(request.WarehouseId)) return Callers.NotYourWarehouse(request.WarehouseId);

        return await services.RunAsync("receipt", idempotencyKey, () => services.Stock.ReceiveAsync(request.WarehouseId,
            [.. request.Lines!.Select(l => new ReceiptLine(l.Sku!, l.Quantity, l.BestBefore, l.LotCode, l.LowStockThreshold))],
            user.Actor(), string.IsNullOrWhiteSpace(request.Reference) ? "receipt" : InventoryLimits.ReceiptReasonPrefix + request.Reference, cancellationToken), request.WarehouseId, cancellationToken);
    }

    public static async Task<IResult> Adjust(
        AdjustmentRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, [AsParameters] StockWriteServices services, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Require(request.WarehouseId != Guid.Empty, "warehouseId", "A warehouse is required.");
        validation.Text(request.Reason, "reason", InventoryLimits.ReasonLength, required: true, multiline: true);
        validation.Lines(request.Lines, (line, path) =>
        {
            validation.Sku(line.Sku, $"{path}.sku");
            validation.Quantity(line.Quantity, $"{path}.quantity", allowNegative: true);
            validation.Text(line.Reason, $"{path}.reason", InventoryLimits.ReasonLength, multiline: true);
        });
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!user.MayWorkIn(request.WarehouseId)) return Callers.NotYourWarehouse(request.WarehouseId);

        return await services.RunAsync("adjustment", idempotencyKey, () => services.Stock.ChangeOnHandAsync(request.WarehouseId, StockMovementKind.Adjusted,
            [.. request.Lines!.Select(l => new OnHandChangeLine(l.Sku!, l.Quantity, null, l.BestBefore, l.Reason))],
            user.Actor(), request.Reason, cancellationToken), request.WarehouseId, cancellationToken);
    }

    public static async Task<IResult> WriteOff(
        WriteOffRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, [AsParameters] StockWriteServices services, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        validation.Require(request.WarehouseId != Guid.Empty, "warehouseId", "A warehouse is required.");
        validation.Text(request.Reason, "reason", InventoryLimits.ReasonLength, required: true, multiline: true);
        validation.Lines(request.Lines, (line, path) =>
        {
            validation.Sku(line.Sku, $"{path}.sku");
            validation.Quantity(line.Quantity, $"{path}.quantity");
            validation.Require(line.LotId != Guid.Empty, $"{path}.lotId", "A lot id, when given, is not the empty GUID.");
            validation.Text(line.Reason, $"{path}.reason", InventoryLimits.ReasonLength, multiline: true);
        });
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!user.MayWorkIn(request.WarehouseId)) return Callers.NotYourWarehouse(request.WarehouseId);

        return await services.RunAsync("write-off", idempotencyKey, () => services.Stock.ChangeOnHandAsync(request.WarehouseId, StockMovementKind.WrittenOff,
            [.. request.Lines!.Select(l => new OnHandChangeLine(l.Sku!, -l.Quantity, l.LotId, null, l.Reason))],
            user.Actor(), request.Reason, cancellationToken), request.WarehouseId, cancellationToken);
    }
}

/// <summary>Services of the store-manager writes: one transaction holding the idempotency claim and the stock change.</summary>
public sealed record StockWriteServices(InventoryDbContext Db, StockService Stock, IdempotencyStore Idempotency)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<IResult> RunAsync(string operation, string? idempotencyKey, Func<Task<StockOutcome>> change, Guid warehouseId, CancellationToken cancellationToken)
    {
        var key = new RequestValidation();
        key.Text(idempotencyKey, "Idempotency-Key", InventoryLimits.IdempotencyKeyLength);
        if (!key.IsValid) return TypedResults.ValidationProblem(key.Errors);
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            var earlier = await Idempotency.ClaimAsync(operation, idempotencyKey, cancellationToken);
            if (earlier is not null) return Results.Text(earlier.Response ?? "{}", "application/json", statusCode: earlier.StatusCode);
        }
        StockOutcome outcome;
        try
        {
            outcome = await change();
        }
        catch (StockLineRejectedException e)
        {
            var field = e.Code == StockErrors.LotTooSmall ? $"lines[{e.LineIndex}].lotId" : $"lines[{e.LineIndex}].quantity";
            var errors = new Dictionary<string, string[]> { [field] = [e.Message] };
            const string title = "The stock change was refused; nothing was changed.";
            // Valid on its own, but the stored total cannot grow that far: a conflict with the state, not a bad request.
            if (e.Code == StockErrors.OnHandWouldExceedLimit)
                return TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status409Conflict, Title = title });
            return TypedResults.ValidationProblem(errors, title: title);
        }
        catch (UnknownWarehouseException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["The warehouse does not exist."] });
        }
        var view = new StockChangeView(warehouseId, outcome.Lots, outcome.Levels, outcome.Shortfalls);
        if (!string.IsNullOrEmpty(idempotencyKey))
            await Idempotency.CompleteAsync(operation, idempotencyKey, StatusCodes.Status200OK, JsonSerializer.Serialize(view, Json), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(view);
    }
}
