using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

internal sealed class OrderCancelledHandler(Notifier notifier) : IIntegrationEventHandler<OrderCancelledIntegrationEvent>
{
    public async Task HandleAsync(OrderCancelledIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "OrderCancelled", cancellationToken) is not { } order) return;
        await notifier.NotifyAsync(order, NotificationKind.OrderCancelled,
            f => OrderMessages.Cancelled(order, e.Reason, f, notifier.OrderLink(order.OrderId)), context, cancellationToken);
    }
}
