using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Notifications.Domain;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

/// <summary>Only OrderPlaced says whose order it is: the notifier keeps the order → shopper map from it.</summary>
internal sealed class OrderPlacedHandler(NotificationsDbContext db) : IIntegrationEventHandler<OrderPlacedIntegrationEvent>
{
    public async Task HandleAsync(OrderPlacedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await db.Orders.AnyAsync(o => o.OrderId == e.OrderId, cancellationToken)) return;
        db.Orders.Add(new OrderRecipient(e.OrderId, e.UserId, e.SlotWindowStart, e.SlotWindowEnd, e.PaymentMethod, e.EstimatedTotal, e.DeliveryFee,
            [.. e.Lines.Select(l => new OrderedItem(l.Sku, l.Quantity, l.SoldByWeight, l.EstimatedLineTotal))], e.PlacedAt));
    }
}
