using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

internal sealed class ShipmentDeliveredHandler(Notifier notifier) : IIntegrationEventHandler<ShipmentDeliveredIntegrationEvent>
{
    public async Task HandleAsync(ShipmentDeliveredIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "ShipmentDelivered", cancellationToken) is not { } order) return;
        await notifier.NotifyAsync(order, NotificationKind.Delivered,
            f => OrderMessages.Delivered(order, e, f, notifier.OrderLink(order.OrderId)), context, cancellationToken);
    }
}
