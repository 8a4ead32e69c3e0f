using Grocery.Inventory.Apis;
using Microsoft.AspNetCore.Http;

namespace Grocery.Inventory.Tests;

public sealed class LowStockSummaryTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task A_warehouse_counts_its_low_and_out_skus_and_expiring_lots_and_lists_the_emptiest_first()
    {
        var warehouse = await NewWarehouseAsync(lowStockThreshold: 5);
        var (low, plenty, sold, expiring) = (NewSku("LOW"), NewSku("OK"), NewSku("OUT"), NewSku("EXP"));
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime).AddDays(1);
        await ReceiveAsync(warehouse, low, 2);
        await ReceiveAsync(warehouse, plenty, 10);
        await ReceiveAsync(warehouse, sold, 3);
        await ReceiveAsync(warehouse, expiring, 20, bestBefore: tomorrow);
        await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(sold, 3));

        var summary = await App.ClientFor(Infrastructure.Identity, "admin-1", GroceryRoles.Admin)
            .GetFromJsonAsync<List<WarehouseLowStock>>("/api/v1/stock/low-summary", Ct);

        var ours = summary!.Single(w => w.WarehouseId == warehouse);
        Assert.Equal((1, 1, 1), (ours.Low, ours.Out, ours.ExpiringSoon));
        Assert.Equal([(sold, 0m), (low, 2m)], ours.Lowest.Select(i => (i.Sku, i.Available)));
        Assert.All(ours.Lowest, i => Assert.Equal(5m, i.Threshold));
    }

    [Fact]
    public async Task The_summary_is_for_admins_and_refuses_showing_more_than_fifty_skus()
    {
        var warehouse = await NewWarehouseAsync();
        var admin = App.ClientFor(Infrastructure.Identity, "admin-1", GroceryRoles.Admin);

        using var asManager = await Manager(warehouse).GetAsync("/api/v1/stock/low-summary", Ct);
        using var tooMany = await admin.GetAsync("/api/v1/stock/low-summary?shown=51", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asManager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("shown", (await tooMany.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(Ct))!.Errors.Keys);
    }
}
