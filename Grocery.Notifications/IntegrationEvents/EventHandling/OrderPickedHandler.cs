using Grocery.Contracts.Ordering;
using Grocery.Messaging;
using Grocery.Notifications.Domain;
using Grocery.Notifications.Notifying;
using Grocery.Notifications.Templates;

namespace Grocery.Notifications.IntegrationEvents.EventHandling;

/// <summary>Keeps the picked lines for the receipt and tells the shopper about substitutions, removals and short picks.</summary>
internal sealed class OrderPickedHandler(Notifier notifier) : IIntegrationEventHandler<OrderPickedIntegrationEvent>
{
    public async Task HandleAsync(OrderPickedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (await notifier.FindOrderAsync(e.OrderId, "OrderPicked", cancellationToken) is not { } order) return;
        var picked = e.Lines.Select(l => new PickedItem(l.Sku, l.OrderedQuantity, l.PickedQuantity, l.SubstituteSku, l.LineTotal)).ToList();
        order.Picked(picked);
        await notifier.NotifyAsync(order, NotificationKind.ItemsChanged,
            f => OrderMessages.ItemsChanged(order, picked, f, notifier.OrderLink(order.OrderId)), context, cancellationToken);
    }
}
