using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Ordering;

public sealed class OrderingCrashTests(GroceryAppFixture system)
{
    /// <summary>
    /// Four shoppers check out for a product of which three are in stock while Inventory is down, so
    /// every saga is certainly in flight: OrderPlaced published, the slot confirmed and saved, the stock
    /// step pending. Then Ordering is killed with SIGKILL, Inventory comes back, and Ordering restarts.
    /// </summary>
    [Fact]
    public async Task Ordering_killed_mid_saga_and_restarted_completes_every_saga_and_stock_and_slot_hold_exactly_what_surviving_orders_hold()
    {
        var ct = TestContext.Current.CancellationToken;
        const int shoppersCount = SystemAccounts.ShopperPoolSize;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 1, ct);
        var sku = products[0].Sku;
        var store = await TestStore.OpenAsync(system, new Dictionary<string, decimal> { [sku] = shoppersCount - 1 }, slotCapacity: 10, ct);
        var shoppers = new List<ShopperSession>();
        for (var i = 0; i < shoppersCount; i++) shoppers.Add(await SystemAccounts.ShopperAsync(system, i, ct));
        var holds = new List<SlotHoldView>();
        foreach (var shopper in shoppers)
        {
            holds.Add(await shopper.HoldSlotAsync(store.Slot.Id, ct));
            await shopper.FillBasketAsync([(products[0], 1m)], ct);
        }
        var pidBefore = await ResourceProcesses.PidAsync(system, ResourceNames.Ordering, ct);

        OrderView[] placed;
        await system.App.StopResourceAsync(ResourceNames.Inventory, ct);
        try
        {
            placed = await Task.WhenAll(shoppers.Select((s, i) => s.PlaceOrderAsync(holds[i].HoldId, store.Postcode, ct)));
            foreach (var (shopper, order) in shoppers.Zip(placed))
            {
                var midSaga = await Eventually.Until(() => shopper.OrderAsync(order.Id, ct), o => o.Steps.Slot == "Succeeded", TimeSpan.FromSeconds(60));
                Assert.Equal(("Placed", "Succeeded", "Pending"), (midSaga.Status, midSaga.Steps.Slot, midSaga.Steps.Stock));
            }
            await ResourceProcesses.KillAsync(system, ResourceNames.Ordering, ct);
        }
        finally
        {
            await system.App.StartResourceAsync(ResourceNames.Inventory, ct);
        }
        await system.App.StartResourceAsync(ResourceNames.Ordering, ct);

        Assert.NotEqual(pidBefore, await ResourceProcesses.PidAsync(system, ResourceNames.Ordering, ct));
        var orders = new List<OrderView>();
        for (var i = 0; i < shoppersCount; i++) orders.Add(await shoppers[i].WaitUntilFinalAsync(placed[i].Id, ct));
        Assert.All(orders, o => Assert.True(OrderStatuses.IsFinal(o.Status), $"Order {o.Id} is still {o.Status}."));
        var confirmed = orders.Where(o => o.Status == OrderStatuses.Confirmed).ToList();
        var cancelled = Assert.Single(orders, o => o.Status == OrderStatuses.Cancelled);
        Assert.Equal("StockUnavailable", cancelled.Cancellation?.Reason);
        Assert.Equal(shoppersCount - 1, confirmed.Count);

        var stock = await Eventually.Until(() => store.StockAsync(sku, ct), s => s.Reserved == confirmed.Count, TimeSpan.FromSeconds(60));
        Assert.Equal((shoppersCount - 1m, (decimal)confirmed.Count, 0m), (stock.OnHand, stock.Reserved, stock.Available));
        foreach (var order in confirmed)
        {
            var reservation = await Eventually.Until(() => store.Staff.ReservationAsync(order.Id, ct), r => r?.Status == "confirmed", TimeSpan.FromSeconds(60));
            Assert.Equal("confirmed", reservation?.Status);
        }
        Assert.DoesNotContain((await store.Staff.ReservationAsync(cancelled.Id, ct))?.Status, new[] { "pending", "confirmed" });
        var slot = await Eventually.Until(() => DeliveryDatabase.SlotCountersAsync(system, store.Slot.Id, ct), s => s.Held == 0, TimeSpan.FromSeconds(60));
        Assert.Equal(new SlotCounters(10, Held: 0, Confirmed: confirmed.Count, Closed: false), slot);
    }
}
