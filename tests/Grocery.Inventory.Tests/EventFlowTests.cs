using Grocery.Contracts;
using Grocery.Contracts.Ordering;
using Grocery.Messaging.Outbox;

namespace Grocery.Inventory.Tests;

/// <summary>
/// Order events travel through the mock Kafka cluster: the test writes them to the service's own
/// outbox, its relay publishes them to ordering.events, and its consumer handles them.
/// </summary>
public sealed class EventFlowTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Five_hundred_order_placed_events_racing_for_a_hundred_units_yield_exactly_a_hundred_stock_reserved()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("EVT");
        await ReceiveAsync(warehouse, sku, 100);
        var orders = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToList();

        await PublishAsync([.. orders.Select(o => OrderPlaced(o, warehouse, (sku, 1)))]);

        await Eventually.TrueAsync(async () => await CountRepliesAsync(orders) == 500, "every order got an answer", 120);
        Assert.Equal(100, await ScalarAsync("SELECT count(*) FROM messaging.outbox_messages WHERE event_type = 'grocery.inventory.StockReserved' AND partition_key = ANY(@keys)",
            ("keys", orders.Select(o => o.ToString()).ToArray())));
        Assert.Equal(400, await ScalarAsync("SELECT count(*) FROM messaging.outbox_messages WHERE event_type = 'grocery.inventory.StockReservationFailed' AND partition_key = ANY(@keys)",
            ("keys", orders.Select(o => o.ToString()).ToArray())));
        Assert.Equal(0, (await StockAsync(warehouse, sku)).Available);
        await AssertLedgerBalancesAsync(warehouse);
        Assert.DoesNotContain(App.Logs, l => l.Contains("deadlock", StringComparison.OrdinalIgnoreCase) || l.Contains("40P01"));
    }

    [Fact]
    public async Task Confirmed_cancelled_and_picked_orders_confirm_release_and_consume_their_reservations()
    {
        var warehouse = await NewWarehouseAsync();
        var (bread, cheese) = (NewSku("BRD"), NewSku("KG"));
        await ReceiveAsync(warehouse, bread, 10);
        await ReceiveAsync(warehouse, cheese, 3);
        var (kept, cancelled) = (Guid.NewGuid(), Guid.NewGuid());
        var now = App.Time.GetUtcNow();

        await PublishAsync([OrderPlaced(kept, warehouse, (bread, 2), (cheese, 0.5m)), OrderPlaced(cancelled, warehouse, (bread, 3))]);
        await Eventually.TrueAsync(async () => await CountRepliesAsync([kept, cancelled]) == 2, "both orders were reserved");
        await PublishAsync([
            new OrderConfirmedIntegrationEvent(kept, warehouse, Guid.NewGuid(), now.AddHours(3), now),
            new OrderCancelledIntegrationEvent(cancelled, OrderCancellationReason.CustomerRequested, null, now),
        ]);
        await Eventually.TrueAsync(async () => (await StockAsync(warehouse, bread)).Reserved == 2, "the cancelled order released its bread");
        await Eventually.TrueAsync(async () => (await FindAsync(kept))!.Status == "confirmed", "the kept order was confirmed");
        await PublishAsync([new OrderPickedIntegrationEvent(kept, warehouse,
            [new PickedLine(bread, 2, 2, null, null, 40_000), new PickedLine(cheese, 0.5m, 0.537m, 0.537m, null, 120_000)], now)]);

        await Eventually.TrueAsync(async () => (await FindAsync(kept))!.Status == "consumed", "the kept order was consumed");
        Assert.Equal(8, (await StockAsync(warehouse, bread)).OnHand);
        Assert.Equal(2.463m, (await StockAsync(warehouse, cheese)).OnHand);
        Assert.Equal(0, (await StockAsync(warehouse, cheese)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    private static OrderPlacedIntegrationEvent OrderPlaced(Guid orderId, Guid warehouse, params (string Sku, decimal Quantity)[] lines) => new(
        orderId, Guid.NewGuid(), warehouse, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        DateTimeOffset.UtcNow.AddHours(2), DateTimeOffset.UtcNow.AddHours(3), PaymentMethod.CashOnDelivery,
        [.. lines.Select(l => new OrderLine(Guid.NewGuid(), l.Sku, l.Quantity, l.Quantity % 1 != 0, 10_000, 10_000 * l.Quantity, SubstitutionPreference.None, null))],
        10_000, 15_000, DateTimeOffset.UtcNow);

    private Task<ReservationView?> FindAsync(Guid orderId) =>
        WithScopeAsync(sp => ReservationQueries.FindAsync(sp.GetRequiredService<InventoryDbContext>(), orderId, Ct));

    private Task<long> CountRepliesAsync(IReadOnlyList<Guid> orders) => ScalarAsync(
        "SELECT count(*) FROM messaging.outbox_messages WHERE event_type IN ('grocery.inventory.StockReserved', 'grocery.inventory.StockReservationFailed') AND partition_key = ANY(@keys)",
        ("keys", orders.Select(o => o.ToString()).ToArray()));

    private async Task PublishAsync(IReadOnlyList<IIntegrationEvent> events)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
        foreach (var e in events) outbox.Add(e);
        await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().SaveChangesAsync(Ct);
    }
}
