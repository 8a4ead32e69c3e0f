using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Notifications.Notifying;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

/// <summary>No message of its own: the final total goes into the out-for-delivery message and the receipt.</summary>
internal sealed class OrderPackedHandler(Notifier notifier) : IIntegrationEventHandler<OrderPackedIntegrationEvent>
{
    public async Task HandleAsync(OrderPackedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "OrderPacked", cancellationToken) is not { } order) return;
        order.Packed(e.FinalTotal);
    }
}
