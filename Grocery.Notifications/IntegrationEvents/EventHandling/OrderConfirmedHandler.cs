using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

internal sealed class OrderConfirmedHandler(Notifier notifier) : IIntegrationEventHandler<OrderConfirmedIntegrationEvent>
{
    public async Task HandleAsync(OrderConfirmedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "OrderConfirmed", cancellationToken) is not { } order) return;
        await notifier.NotifyAsync(order, NotificationKind.OrderConfirmed,
            f => OrderMessages.Confirmed(order, f, notifier.OrderLink(order.OrderId)), context, cancellationToken);
    }
}
