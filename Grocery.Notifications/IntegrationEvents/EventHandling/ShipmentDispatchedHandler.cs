using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

internal sealed class ShipmentDispatchedHandler(Notifier notifier) : IIntegrationEventHandler<ShipmentDispatchedIntegrationEvent>
{
    public async Task HandleAsync(ShipmentDispatchedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "ShipmentDispatched", cancellationToken) is not { } order) return;
        await notifier.NotifyAsync(order, NotificationKind.OutForDelivery,
            f => OrderMessages.OutForDelivery(order, e.Carrier, f, notifier.OrderLink(order.OrderId)), context, cancellationToken);
    }
}
