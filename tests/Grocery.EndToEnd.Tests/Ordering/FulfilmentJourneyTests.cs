using System.Net;
using System.Net.Http.Json;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Ordering;

/// <summary>
/// An order's whole life through the real processes: checkout with cash on delivery, picking with real
/// weights, a substitution and a removal, packing with the final total, the in-house driver, and what
/// Inventory's ledger and the shopper see at the end.
/// </summary>
public sealed class FulfilmentJourneyTests(GroceryAppFixture system)
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_cash_on_delivery_order_is_picked_weighed_substituted_packed_and_delivered_for_exactly_the_receipt_computed_by_hand()
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await SystemAccounts.StaffAsync(system, ct);
        var products = await TestCatalog.ImportAsync(system, manager,
        [
            new("Thịt ba chỉ", 25_010m, TaxRate: 5, SoldByWeight: true, Storage: "chilled"),   // 1.05 kg → 26,260.5 → 26,261 (half away from zero)
            new("Táo Envy", 80_000m, TaxRate: 5, SoldByWeight: true),                         // 0.45 kg of 0.5 → 36,000
            new("Sữa tươi 500 ml", 20_000m, TaxRate: 8, Unit: "ml", Storage: "chilled"),       // short: replaced by the dearer one below
            new("Sữa tươi hữu cơ 500 ml", 24_000m, TaxRate: 8, Unit: "ml", Storage: "chilled"), // charged at 20,000
            new("Bánh mì hoa cúc", 15_000m, TaxRate: 10),                                        // short, the shopper wants no substitute
        ], ct);
        var (pork, apples, milk, organicMilk, brioche) = (products[0], products[1], products[2], products[3], products[4]);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal>
        {
            [pork.Sku] = 10m, [apples.Sku] = 10m, [milk.Sku] = 2m, [organicMilk.Sku] = 5m, [brioche.Sku] = 1m,
        }, slotCapacity: 5, ct);
        var picker = await SystemAccounts.WarehouseStaffAsync(system, GroceryRoles.Picker, ct);
        await SystemAccounts.AssignAsync(system, picker, store.WarehouseId, ct);
        var driver = await SystemAccounts.WarehouseStaffAsync(system, GroceryRoles.Driver, ct);
        await SystemAccounts.AssignAsync(system, driver, store.WarehouseId, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);

        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync(
        [
            (pork.Product, 1.0m, "AnySimilar"), (apples.Product, 0.5m, "AnySimilar"), (milk.Product, 2m, "AnySimilar"), (brioche.Product, 1m, "None"),
        ], ct);
        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);

        var picking = await picker.ClientAsync(ResourceNames.Ordering, ct);
        await (await picking.PostAsync($"/api/v1/picking/{placed.Id}/claim", null, ct)).ExpectAsync(HttpStatusCode.OK);
        var list = await (await picking.GetAsync($"/api/v1/picking/{placed.Id}", ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<PickListView>(ct);
        Assert.Equal(["ambient", "chilled"], list.Storage.Select(s => s.Storage));

        using (var tooHeavy = await picking.PostAsJsonAsync($"/api/v1/picking/{placed.Id}/lines/{list.Line(pork.Sku).LineNo}/pick",
            new { gtin = pork.Gtin, weightKg = 1.2m }, ApiJson.Options, ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooHeavy.StatusCode);
            var problem = await tooHeavy.Content.ReadAsStringAsync(ct);
            Assert.Contains("weightKg", problem);
            Assert.Contains("1.1", problem);
        }
        await PickAsync(picking, placed.Id, list.Line(pork.Sku).LineNo, new { gtin = pork.Gtin, weightKg = 1.05m }, ct);
        await PickAsync(picking, placed.Id, list.Line(apples.Sku).LineNo, new { gtin = apples.Gtin, weightKg = 0.45m }, ct);

        var milkLine = list.Line(milk.Sku).LineNo;
        await StepAsync(picking, $"/api/v1/picking/{placed.Id}/lines/{milkLine}/short", new { available = 0m }, ct);
        var substitutes = await (await picking.GetAsync($"/api/v1/picking/{placed.Id}/lines/{milkLine}/substitutes", ct))
            .ExpectAsync(HttpStatusCode.OK).ReadAsync<SubstitutesView>(ct);
        var offered = Assert.Single(substitutes.Candidates, c => c.Sku == organicMilk.Sku);
        Assert.Equal((24_000m, 20_000m), (offered.Price, offered.ChargedUnitPrice));
        await StepAsync(picking, $"/api/v1/picking/{placed.Id}/lines/{milkLine}/substitute", new { sku = organicMilk.Sku, quantity = 2m }, ct);

        var briocheLine = list.Line(brioche.Sku).LineNo;
        var noneWanted = await (await picking.GetAsync($"/api/v1/picking/{placed.Id}/lines/{briocheLine}/substitutes", ct))
            .ExpectAsync(HttpStatusCode.OK).ReadAsync<SubstitutesView>(ct);
        Assert.Empty(noneWanted.Candidates);
        await StepAsync(picking, $"/api/v1/picking/{placed.Id}/lines/{briocheLine}/remove", new { reason = "Sold out on the shelf" }, ct);

        var packed = await (await picking.PostAsJsonAsync($"/api/v1/picking/{placed.Id}/pack", new { packageCount = 2 }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.OK).ReadAsync<PackView>(ct);

        // The receipt by hand: 26,261 + 36,000 + 2 × 20,000 (the substitute at the original's price), the brioche removed, 15,000 delivery.
        Assert.Equal(102_261m, packed.FinalSubtotal);
        Assert.Equal(15_000m, packed.DeliveryFee);
        Assert.Equal(117_261m, packed.FinalTotal);
        Assert.Equal(
            [new VatLineView(5, 62_261m, 2_965m), new VatLineView(8, 40_000m, 2_963m)], // 62,261 × 5/105 = 2,964.81; 40,000 × 8/108 = 2,962.96
            packed.Vat);
        var ready = await Eventually.Until(() => shopper.OrderAsync(placed.Id, ct), o => o.Status is "ReadyForDispatch" or "OutForDelivery", Settles);
        Assert.Contains(ready.Status, new[] { "ReadyForDispatch", "OutForDelivery" });

        var driving = await driver.ClientAsync(ResourceNames.Delivery, ct);
        // The driver's list is a day's; the first bookable slot may be tomorrow's when the test runs in the evening.
        var slotDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(store.Slot.WindowStart, TimeZoneInfo.FindSystemTimeZoneById(StaffSession.TimeZone)).DateTime);
        var drop = await Eventually.Until(async () =>
            (await (await driving.GetAsync($"/api/v1/shipments?warehouseId={store.WarehouseId}&date={slotDay:O}", ct)).ExpectAsync(HttpStatusCode.OK)
                .ReadAsync<List<DriverShipmentView>>(ct)).SingleOrDefault(s => s.OrderId == placed.Id), s => s is not null, Settles);
        Assert.NotNull(drop);
        Assert.Equal(117_261m, drop.AmountToCollect);
        Assert.Equal("34 Pasteur, Bến Nghé", drop.DropOff?.Address);
        await (await driving.PostAsync($"/api/v1/shipments/{placed.Id}/dispatched", null, ct)).ExpectAsync(HttpStatusCode.OK);
        await (await driving.PostAsJsonAsync($"/api/v1/shipments/{placed.Id}/delivered", new { cashCollected = 117_261m }, ApiJson.Options, ct))
            .ExpectAsync(HttpStatusCode.OK);

        var delivered = await Eventually.Until(() => shopper.OrderAsync(placed.Id, ct), o => o.Status == "Delivered", Settles);
        Assert.Equal("Delivered", delivered.Status);

        // Inventory consumed what was picked and released the rest.
        Assert.Equal((10m - 1.05m, 0m), OnHandAndReserved(await store.StockAsync(pork.Sku, ct)));
        Assert.Equal((10m - 0.45m, 0m), OnHandAndReserved(await store.StockAsync(apples.Sku, ct)));
        Assert.Equal((2m, 0m), OnHandAndReserved(await store.StockAsync(milk.Sku, ct)));
        Assert.Equal((3m, 0m), OnHandAndReserved(await store.StockAsync(organicMilk.Sku, ct)));
        Assert.Equal((1m, 0m), OnHandAndReserved(await store.StockAsync(brioche.Sku, ct)));
    }

    [Fact]
    public async Task A_picker_of_another_warehouse_is_refused_the_order_and_another_shopper_does_not_see_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 5m }, slotCapacity: 3, ct);
        var elsewhere = await store.Staff.CreateWarehouseAsync(ct);
        var stranger = await SystemAccounts.WarehouseStaffAsync(system, GroceryRoles.Picker, ct, key: "elsewhere");
        await SystemAccounts.AssignAsync(system, stranger, elsewhere.Id, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        var other = await SystemAccounts.ShopperAsync(system, 1, ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(products[0], 1m)], ct);
        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);

        var strangerPicking = await stranger.ClientAsync(ResourceNames.Ordering, ct);
        using var claim = await strangerPicking.PostAsync($"/api/v1/picking/{placed.Id}/claim", null, ct);
        using var peek = await strangerPicking.GetAsync($"/api/v1/picking/{placed.Id}", ct);
        using var othersView = await other.GetOrderResponseAsync(placed.Id, ct);

        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, peek.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersView.StatusCode);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.OrderAsync(placed.Id, ct)).Status);
    }

    private static (decimal OnHand, decimal Reserved) OnHandAndReserved(WarehouseStockView stock) => (stock.OnHand, stock.Reserved);

    private static Task PickAsync(HttpClient picking, Guid orderId, int lineNo, object body, CancellationToken ct) =>
        StepAsync(picking, $"/api/v1/picking/{orderId}/lines/{lineNo}/pick", body, ct);

    private static async Task StepAsync(HttpClient picking, string url, object body, CancellationToken ct) =>
        await (await picking.PostAsJsonAsync(url, body, ApiJson.Options, ct)).ExpectAsync(HttpStatusCode.OK);
}
