using Grocery.Contracts.Ordering;
using Grocery.Inventory.Stock;
using Grocery.Messaging;

namespace Grocery.Inventory.IntegrationEvents.EventHandling;

public sealed class OrderCancelledHandler(StockService stock) : IIntegrationEventHandler<OrderCancelledIntegrationEvent>
{
    public Task HandleAsync(OrderCancelledIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        stock.ReleaseAsync(e.OrderId, "event:order-cancelled", $"order cancelled: {e.Reason}", cancellationToken);
}
