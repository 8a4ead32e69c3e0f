using Grocery.Contracts;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;

namespace Grocery.Notifications.Tests;

/// <summary>
/// One cash-on-delivery order from placing to the door, as Ordering and Delivery publish it. Picking
/// replaces the bread, finds no eggs and weighs the apples a little light (not worth a message).
/// </summary>
public sealed class OrderJourney(Shopper shopper, PaymentMethod payment = PaymentMethod.CashOnDelivery)
{
    // 18:00–19:00 in Ho Chi Minh City.
    public static readonly DateTimeOffset SlotStart = new(2026, 12, 8, 11, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SlotEnd = SlotStart.AddHours(1);

    public Guid OrderId { get; } = Guid.NewGuid();
    public Guid ShipmentId { get; } = Guid.NewGuid();
    public Guid WarehouseId { get; } = Guid.NewGuid();
    public string Number => Grocery.Contracts.Ordering.OrderNumber.Of(OrderId);
    public Shopper Shopper => shopper;

    public OrderPlacedIntegrationEvent Placed() => new(OrderId, shopper.UserId, WarehouseId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
        SlotStart, SlotEnd, payment,
        [
            new(Guid.NewGuid(), "MILK-1L", 2, false, 30_000, 60_000, SubstitutionPreference.AnySimilar, null),
            new(Guid.NewGuid(), "APPLE-KG", 1.5m, true, 60_000, 90_000, SubstitutionPreference.None, null),
            new(Guid.NewGuid(), "BREAD", 1, false, 25_000, 25_000, SubstitutionPreference.AnySimilar, null),
            new(Guid.NewGuid(), "EGGS-10", 1, false, 45_000, 45_000, SubstitutionPreference.None, null),
        ],
        // As Ordering sends it: the estimate includes the delivery fee (220,000 of goods + 20,000).
        240_000, 20_000, DateTimeOffset.UtcNow);

    public OrderConfirmedIntegrationEvent Confirmed() => new(OrderId, WarehouseId, Guid.NewGuid(), SlotEnd, DateTimeOffset.UtcNow);

    public OrderPickedIntegrationEvent Picked() => new(OrderId, WarehouseId,
        [
            new("MILK-1L", 2, 2, null, null, 60_000, "chilled"),
            new("APPLE-KG", 1.5m, 1.4m, 1.4m, null, 84_000),
            new("BREAD", 1, 1, null, "BREAD-WHOLE", 28_000),
            new("EGGS-10", 1, 0, null, null, 0, "chilled"),
        ],
        DateTimeOffset.UtcNow);

    // Ordering's totals include the delivery fee: 172,000 of goods and 20,000 for delivery.
    public OrderPackedIntegrationEvent Packed() => new(OrderId, WarehouseId, 192_000, 2, DateTimeOffset.UtcNow);

    public ShipmentBookedIntegrationEvent Booked() => new(OrderId, ShipmentId, "inhouse", "TRK-123", DateTimeOffset.UtcNow);

    public ShipmentDispatchedIntegrationEvent Dispatched() => new(OrderId, ShipmentId, "inhouse", DateTimeOffset.UtcNow);

    public ShipmentDeliveredIntegrationEvent Delivered() => new(OrderId, ShipmentId, SlotStart.AddMinutes(25), 192_000, null);

    public PaymentFailedIntegrationEvent PaymentFailed() => new(OrderId, payment, "card_declined", DateTimeOffset.UtcNow);

    public OrderCancelledIntegrationEvent Cancelled(OrderCancellationReason reason) => new(OrderId, reason, "internal detail", DateTimeOffset.UtcNow);

    /// <summary>
    /// Runs the journey through Kafka in the stages it has in life: Delivery's events (another topic,
    /// so not ordered with Ordering's) go out only once the order is packed, as they would.
    /// </summary>
    public async Task RunAsync(NotificationsApp app)
    {
        await app.PublishAsync(Placed(), Confirmed(), Picked(), Packed());
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.Orders.AnyAsync(o => o.OrderId == OrderId && o.FinalTotal != null)),
            "the notifier took in the order up to packing");
        await app.PublishAsync(Booked(), Dispatched());
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.OrderId == OrderId && n.Kind == Domain.NotificationKind.OutForDelivery)),
            "the notifier told the shopper the order is on its way");
        await app.PublishAsync(Delivered());
        await Eventually.TrueAsync(() => app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.OrderId == OrderId && n.Kind == Domain.NotificationKind.Delivered)),
            "the notifier told the shopper the order was delivered");
    }
}
