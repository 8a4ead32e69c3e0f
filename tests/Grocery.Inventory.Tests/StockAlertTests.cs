using System.Text.Json;
using Grocery.Contracts;
using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

/// <summary>The store manager's low-stock and expiring-soon lists: their own warehouse's, nothing that is fine, nothing of another's.</summary>
public sealed class StockAlertTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task The_low_stock_list_has_the_skus_at_or_below_their_threshold_emptiest_first_and_no_others()
    {
        var (warehouse, elsewhere) = (await NewWarehouseAsync(), await NewWarehouseAsync());
        var (plenty, low, reservedAway) = (NewSku("OK"), NewSku("LOW"), NewSku("RSV"));
        await ReceiveAsync(warehouse, plenty, 50, low: 5);
        await ReceiveAsync(warehouse, low, 4, low: 5);
        await ReceiveAsync(warehouse, reservedAway, 6, low: 5);
        await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(reservedAway, 6));
        await ReceiveAsync(elsewhere, NewSku("ELS"), 1, low: 5);

        var list = (await Manager(warehouse).GetFromJsonAsync<List<LowStockView>>("/api/v1/stock/alerts/low-stock", Json, Ct))!;

        Assert.Equal([reservedAway, low], list.Select(l => l.Sku));
        Assert.Equal(StockState.Out, list[0].State);
        Assert.Equal(0, list[0].Available);
        Assert.Equal(StockState.Low, list[1].State);
        Assert.Equal(4, list[1].Available);
        Assert.Equal(5, list[1].LowStockThreshold);
    }

    [Fact]
    public async Task The_expiring_list_has_lots_on_hand_with_a_best_before_within_the_days_asked_counted_in_the_warehouse_calendar()
    {
        var warehouse = await NewWarehouseAsync(timeZone: "Asia/Ho_Chi_Minh");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        var (past, soon, later, none, gone) = (NewSku("PST"), NewSku("SON"), NewSku("LAT"), NewSku("NON"), NewSku("GON"));
        await ReceiveAsync(warehouse, past, 2, today.AddDays(-1));
        await ReceiveAsync(warehouse, soon, 3, today.AddDays(2));
        await ReceiveAsync(warehouse, later, 3, today.AddDays(10));
        await ReceiveAsync(warehouse, none, 3);
        await ReceiveAsync(warehouse, gone, 1, today);
        var writeOff = await Manager(warehouse).PostAsJsonAsync("/api/v1/stock/write-offs",
            new WriteOffRequest(warehouse, "sold out", [new WriteOffLineRequest(gone, 1, null, null)]), Ct);
        Assert.Equal(HttpStatusCode.OK, writeOff.StatusCode);

        var threeDays = await Manager(warehouse).GetFromJsonAsync<ExpiringLotsView>("/api/v1/stock/alerts/expiring?days=3", Json, Ct);
        var twoWeeks = await Manager(warehouse).GetFromJsonAsync<ExpiringLotsView>($"/api/v1/stock/alerts/expiring?warehouseId={warehouse}&days=14", Json, Ct);

        Assert.Equal(today, threeDays!.Today);
        Assert.Equal(today.AddDays(3), threeDays.Until);
        Assert.Equal([past, soon], threeDays.Lots.Select(l => l.Sku));
        Assert.Equal(today.AddDays(-1), threeDays.Lots[0].BestBefore);
        Assert.Equal(2, threeDays.Lots[0].Quantity);
        Assert.Equal([past, soon, later], twoWeeks!.Lots.Select(l => l.Sku));
    }

    [Fact]
    public async Task The_lists_refuse_another_warehouse_a_manager_with_none_and_days_out_of_range_with_problem_details()
    {
        var (warehouse, elsewhere) = (await NewWarehouseAsync(), await NewWarehouseAsync());

        var foreignLow = await Manager(elsewhere).GetAsync($"/api/v1/stock/alerts/low-stock?warehouseId={warehouse}", Ct);
        var foreignExpiring = await Manager(elsewhere).GetAsync($"/api/v1/stock/alerts/expiring?warehouseId={warehouse}", Ct);
        var unassigned = await Manager().GetAsync("/api/v1/stock/alerts/low-stock", Ct);
        var picker = await Picker(warehouse).GetAsync("/api/v1/stock/alerts/expiring", Ct);
        var tooFar = await Manager(warehouse).GetAsync("/api/v1/stock/alerts/expiring?days=61", Ct);
        var adminWithoutWarehouse = await App.ClientFor(Infrastructure.Identity, "admin-1", "admin").GetAsync("/api/v1/stock/alerts/low-stock", Ct);

        foreach (var refused in new[] { foreignLow, foreignExpiring, unassigned, picker })
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", foreignLow.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.True((await tooFar.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("days", out _));
        Assert.Equal(HttpStatusCode.BadRequest, adminWithoutWarehouse.StatusCode);
        Assert.True((await adminWithoutWarehouse.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("warehouseId", out _));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}
