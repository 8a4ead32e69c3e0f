using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

/// <summary>The event's reason text comes from the payment provider and is not shown: it is neither translated nor meant for shoppers.</summary>
internal sealed class PaymentFailedHandler(Notifier notifier) : IIntegrationEventHandler<PaymentFailedIntegrationEvent>
{
    public async Task HandleAsync(PaymentFailedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "PaymentFailed", cancellationToken) is not { } order) return;
        await notifier.NotifyAsync(order, NotificationKind.PaymentActionNeeded,
            f => OrderMessages.PaymentActionNeeded(order, f, notifier.OrderLink(order.OrderId)), context, cancellationToken);
    }
}
