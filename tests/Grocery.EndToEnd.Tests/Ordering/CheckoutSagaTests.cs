using System.Net;
using System.Net.Http.Json;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Ordering;

/// <summary>Checkout and the order saga through the real Identity, Catalog, Inventory, Delivery and Ordering processes.</summary>
public sealed class CheckoutSagaTests(GroceryAppFixture system)
{
    private static readonly TimeSpan Settles = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Checkout_with_cash_on_delivery_confirms_the_order_with_the_stock_reserved_and_confirmed_and_the_slot_confirmed()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 2, ct);
        var store = await TestStore.OpenAsync(system, products.ToDictionary(p => p.Sku, _ => 10m), slotCapacity: 5, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        var basket = await shopper.FillBasketAsync([(products[0], 2m), (products[1], 1m)], ct);
        Assert.Equal(2, basket.Lines.Count);

        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        var order = await shopper.WaitUntilFinalAsync(placed.Id, ct);

        Assert.Equal(OrderStatuses.Confirmed, order.Status);
        Assert.Equal(("Succeeded", "Succeeded", "Succeeded"), (order.Steps.Stock, order.Steps.Slot, order.Steps.Payment));
        Assert.Equal(new[] { (products[0].Sku, 2m), (products[1].Sku, 1m) }.Order(), order.Items.Select(i => (i.Sku, i.Quantity)).Order());
        var reservation = await Eventually.Until(() => store.Staff.ReservationAsync(order.Id, ct), r => r?.Status == "confirmed", Settles);
        Assert.Equal("confirmed", reservation?.Status);
        Assert.Equal(store.WarehouseId, reservation!.WarehouseId);
        Assert.Equal((10m, 2m, 8m), Levels(await store.StockAsync(products[0].Sku, ct)));
        Assert.Equal((10m, 1m, 9m), Levels(await store.StockAsync(products[1].Sku, ct)));
        Assert.Equal("Confirmed", await DeliveryDatabase.HoldStatusAsync(system, hold.HoldId, ct));
        Assert.Equal(new SlotCounters(5, Held: 0, Confirmed: 1, Closed: false), await DeliveryDatabase.SlotCountersAsync(system, store.Slot.Id, ct));
        Assert.Equal(4, (await store.SlotNowAsync(ct)).Remaining);
    }

    [Fact]
    public async Task An_order_for_more_than_the_stock_is_cancelled_with_a_readable_reason_releases_the_slot_and_reserves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 2, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 10m, [products[1].Sku] = 1m }, slotCapacity: 3, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(products[0], 1m), (products[1], 3m)], ct);

        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        var order = await shopper.WaitUntilFinalAsync(placed.Id, ct);

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.Equal("StockUnavailable", order.Cancellation?.Reason);
        Assert.StartsWith("Some items are no longer in stock", order.Cancellation?.Message);
        var slot = await Eventually.Until(() => DeliveryDatabase.SlotCountersAsync(system, store.Slot.Id, ct), s => s.Held + s.Confirmed == 0, Settles);
        Assert.Equal(new SlotCounters(3, Held: 0, Confirmed: 0, Closed: false), slot);
        Assert.Equal(3, (await store.SlotNowAsync(ct)).Remaining);
        Assert.DoesNotContain(await DeliveryDatabase.HoldStatusAsync(system, hold.HoldId, ct), new[] { "Active", "Confirmed" });
        Assert.Equal((10m, 0m, 10m), Levels(await store.StockAsync(products[0].Sku, ct)));
        Assert.Equal((1m, 0m, 1m), Levels(await store.StockAsync(products[1].Sku, ct)));
        Assert.DoesNotContain((await store.Staff.ReservationAsync(order.Id, ct))?.Status, new[] { "pending", "confirmed" });
    }

    /// <summary>
    /// Inventory is down at checkout, so the saga is certainly waiting for stock after Delivery confirmed
    /// the slot; the store manager then closes the slot. When Inventory is back it reserves and at once
    /// releases, since the cancellation follows OrderPlaced on the order's key.
    /// </summary>
    [Fact]
    public async Task A_slot_closed_by_the_store_manager_between_checkout_and_confirmation_cancels_the_order_and_releases_its_stock()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 10m }, slotCapacity: 3, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(products[0], 2m)], ct);

        OrderView order;
        await system.App.StopResourceAsync(ResourceNames.Inventory, ct);
        try
        {
            var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
            var waiting = await Eventually.Until(() => shopper.OrderAsync(placed.Id, ct), o => o.Steps.Slot == "Succeeded", Settles);
            Assert.Equal(("Placed", "Succeeded", "Pending"), (waiting.Status, waiting.Steps.Slot, waiting.Steps.Stock));

            await store.Staff.CloseSlotAsync(store.Slot.Id, ct);

            order = await shopper.WaitUntilFinalAsync(placed.Id, ct);
        }
        finally
        {
            await system.App.StartResourceAsync(ResourceNames.Inventory, ct);
        }

        Assert.Equal(OrderStatuses.Cancelled, order.Status);
        Assert.Equal("SlotUnavailable", order.Cancellation?.Reason);
        Assert.Contains("closed", order.Cancellation?.Message);
        var slot = await Eventually.Until(() => DeliveryDatabase.SlotCountersAsync(system, store.Slot.Id, ct), s => s.Held + s.Confirmed == 0, Settles);
        Assert.Equal(new SlotCounters(3, Held: 0, Confirmed: 0, Closed: true), slot);
        var reservation = await Eventually.Until(() => store.Staff.ReservationAsync(order.Id, ct), r => r?.Status == "released", TimeSpan.FromSeconds(90));
        Assert.Equal("released", reservation?.Status);
        Assert.Equal((10m, 0m, 10m), Levels(await store.StockAsync(products[0].Sku, ct)));
    }

    [Fact]
    public async Task A_checkout_with_a_slot_hold_that_expired_is_refused_with_a_problem_naming_the_hold_and_places_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 10m }, slotCapacity: 2, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(products[0], 2m)], ct);
        await DeliveryDatabase.BackdateHoldExpiryAsync(system, hold.HoldId, ct);

        using var response = await shopper.CheckoutAsync(hold.HoldId, store.Postcode, Guid.NewGuid().ToString(), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("slotHoldId", problem);
        Assert.Equal((10m, 0m, 10m), Levels(await store.StockAsync(products[0].Sku, ct)));
        Assert.Equal(0, (await DeliveryDatabase.SlotCountersAsync(system, store.Slot.Id, ct)).Confirmed);
        var ordering = await shopper.ClientAsync(ResourceNames.Ordering, ct);
        Assert.Single((await ordering.GetFromJsonAsync<BasketView>("/api/v1/basket", ApiJson.Options, ct))!.Lines);
    }

    [Fact]
    public async Task Twenty_parallel_checkouts_with_the_same_idempotency_key_place_one_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 50m }, slotCapacity: 5, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(products[0], 2m)], ct);
        var key = Guid.NewGuid().ToString();
        var ordering = await shopper.ClientAsync(ResourceNames.Ordering, ct);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ShopperSession.CheckoutWithAsync(ordering, hold.HoldId, store.Postcode, key, ct)));

        foreach (var response in responses) await response.ExpectAsync(HttpStatusCode.Created, HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var orderIds = new HashSet<Guid>();
        foreach (var response in responses) orderIds.Add((await response.ReadAsync<OrderView>(ct)).Id);
        var orderId = Assert.Single(orderIds);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(orderId, ct)).Status);
        Assert.Equal((50m, 2m, 48m), Levels(await Eventually.Until(() => store.StockAsync(products[0].Sku, ct), s => s.Reserved > 0, Settles)));
        Assert.Equal(new SlotCounters(5, Held: 0, Confirmed: 1, Closed: false), await DeliveryDatabase.SlotCountersAsync(system, store.Slot.Id, ct));
    }

    [Fact]
    public async Task A_shopper_cancelling_a_confirmed_order_releases_its_stock_and_its_slot()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [products[0].Sku] = 5m }, slotCapacity: 2, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        var hold = await shopper.HoldSlotAsync(store.Slot.Id, ct);
        await shopper.FillBasketAsync([(products[0], 3m)], ct);
        var placed = await shopper.PlaceOrderAsync(hold.HoldId, store.Postcode, ct);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.WaitUntilFinalAsync(placed.Id, ct)).Status);
        await Eventually.Until(() => store.Staff.ReservationAsync(placed.Id, ct), r => r?.Status == "confirmed", Settles);

        var cancelled = await (await (await shopper.CancelAsync(placed.Id, ct)).ExpectAsync(HttpStatusCode.OK)).ReadAsync<OrderView>(ct);

        Assert.Equal(OrderStatuses.Cancelled, cancelled.Status);
        Assert.Equal("CustomerRequested", cancelled.Cancellation?.Reason);
        var stock = await Eventually.Until(() => store.StockAsync(products[0].Sku, ct), s => s.Reserved == 0, Settles);
        Assert.Equal((5m, 0m, 5m), Levels(stock));
        Assert.Equal("released", (await store.Staff.ReservationAsync(placed.Id, ct))?.Status);
        var slot = await Eventually.Until(() => DeliveryDatabase.SlotCountersAsync(system, store.Slot.Id, ct), s => s.Held + s.Confirmed == 0, Settles);
        Assert.Equal(new SlotCounters(2, Held: 0, Confirmed: 0, Closed: false), slot);
        Assert.Equal(OrderStatuses.Cancelled, (await shopper.OrderAsync(placed.Id, ct)).Status);
    }

    private static (decimal OnHand, decimal Reserved, decimal Available) Levels(WarehouseStockView stock) => (stock.OnHand, stock.Reserved, stock.Available);
}
