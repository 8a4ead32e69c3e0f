using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Notifications.Notifying;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

/// <summary>No message of its own: the carrier's tracking number goes into the out-for-delivery message.</summary>
internal sealed class ShipmentBookedHandler(Notifier notifier) : IIntegrationEventHandler<ShipmentBookedIntegrationEvent>
{
    public async Task HandleAsync(ShipmentBookedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "ShipmentBooked", cancellationToken) is not { } order) return;
        order.Booked(e.Carrier, e.TrackingNumber);
    }
}
