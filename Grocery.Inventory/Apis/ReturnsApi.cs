using System.Security.Claims;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Inventory.Apis;

/// <summary>
/// Returns from the door (failed deliveries, refused lines), inspected by a store manager of their
/// warehouse: restocked (back on hand) or written off.
/// </summary>
public static class ReturnsApi
{
    public const string Restock = "restock";
    public const string WriteOff = "write-off";

    /// <summary>A store manager's list is one shift's work; more waits for the next page of the day.</summary>
    private const int MaxListed = 500;

    public static IEndpointRouteBuilder MapReturnsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/returns").WithTags("Returns").RequireAuthorization(GroceryPolicies.StoreManager);
        api.MapGet("/", GetPendingReturns)
            .WithSummary("List the returns of a warehouse waiting for inspection, oldest first, each with a suggested decision")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/{id:guid}/inspect", InspectReturn)
            .WithSummary("Restock or write off a returned line")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<List<ReturnView>>, ValidationProblem, ProblemHttpResult>> GetPendingReturns(
        Guid? warehouseId, ClaimsPrincipal user, InventoryDbContext db, CancellationToken cancellationToken)
    {
        if (warehouseId is null || warehouseId == Guid.Empty)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["warehouseId"] = ["A warehouse is required."] });
        if (!user.MayWorkIn(warehouseId.Value)) return Callers.NotYourWarehouse(warehouseId.Value);
        var pending = await db.Returns.AsNoTracking()
            .Where(r => r.WarehouseId == warehouseId && r.Status == ReturnStatuses.Pending)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(MaxListed)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(pending.Select(ToView).ToList());
    }

    public static async Task<Results<Ok<ReturnView>, ValidationProblem, ProblemHttpResult>> InspectReturn(
        Guid id, InspectReturnRequest request, ClaimsPrincipal user, InventoryDbContext db, StockService stock, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        if (request.Decision is not (Restock or WriteOff)) validation.Add("decision", $"The decision is \"{Restock}\" or \"{WriteOff}\".");
        validation.Text(request.Reason, "reason", InventoryLimits.ReasonLength, multiline: true);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var warehouseId = await db.Returns.AsNoTracking().Where(r => r.Id == id).Select(r => (Guid?)r.WarehouseId).SingleOrDefaultAsync(cancellationToken);
        if (warehouseId is null) return NotFound(id);
        if (!user.MayWorkIn(warehouseId.Value)) return Callers.NotYourWarehouse(warehouseId.Value);

        var status = request.Decision == Restock ? ReturnStatuses.Restocked : ReturnStatuses.WrittenOff;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason;
        StockOutcome? outcome;
        try
        {
            outcome = await stock.InspectReturnAsync(id, status, user.Actor(), reason, cancellationToken);
        }
        catch (StockLineRejectedException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The return cannot be restocked.", detail: e.Message);
        }
        if (outcome is null) return NotFound(id);
        var inspected = await db.Returns.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        if (outcome.Result == "decided")
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The return was already inspected.",
                detail: $"It was {ExternalStatus(inspected.Status)} by {inspected.InspectedBy} at {inspected.InspectedAt:O}.");
        return TypedResults.Ok(ToView(inspected));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown return.", detail: $"No return {id}.");

    /// <summary>Cold-chain goods have been out of the cold for the delivery round: not sold again unless a manager decides so.</summary>
    public static string SuggestedDecision(string storage) => StorageKinds.KeepsColdChain(storage) ? WriteOff : Restock;

    private static string ExternalStatus(string status) => status.Replace('_', '-');

    private static ReturnView ToView(StockReturn r) => new(
        r.Id, r.WarehouseId, r.OrderId, r.ShipmentId, r.Sku, r.Quantity, r.Storage, ExternalStatus(r.Source), r.Note,
        ExternalStatus(r.Status), SuggestedDecision(r.Storage), r.CreatedAt, r.InspectedAt, r.InspectedBy, r.InspectionReason);
}
