using Grocery.Inventory.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Inventory.Apis;

public static class LowStockApi
{
    public static IEndpointRouteBuilder MapLowStockApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/stock").WithTags("Stock").RequireAuthorization(GroceryPolicies.Admin)
            .MapGet("/low-summary", GetLowStockSummary)
            .WithSummary("Per warehouse: SKUs low and out, lots expiring soon, and the SKUs closest to running out (5 unless given, at most 50) (admins)");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<WarehouseLowStock>>, ValidationProblem>> GetLowStockSummary(
        int? shown, InventoryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var limit = shown ?? LowStockSummary.DefaultShown;
        if (limit is < 0 or > LowStockSummary.MaxShown)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["shown"] = [$"Shown is between 0 and {LowStockSummary.MaxShown}."] });
        return TypedResults.Ok(await LowStockSummary.ReadAsync(db, time.GetUtcNow(), limit, cancellationToken));
    }
}

/// <summary>Lowest lists the SKUs at or below their threshold, out of stock first, then by what is available.</summary>
public sealed record WarehouseLowStock(Guid WarehouseId, string Code, string Name, int Low, int Out, int ExpiringSoon, IReadOnlyList<LowStockItem> Lowest);

public sealed record LowStockItem(string Sku, decimal Available, decimal Threshold);
