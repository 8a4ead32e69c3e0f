using Grocery.Contracts.Ordering;
using Grocery.Inventory.Stock;
using Grocery.Messaging;

namespace Grocery.Inventory.IntegrationEvents.EventHandling;

/// <summary>Consumes the reservation by what was actually picked (a weighed line may differ from its estimate; a substitute is taken instead of the original).</summary>
public sealed class OrderPickedHandler(StockService stock) : IIntegrationEventHandler<OrderPickedIntegrationEvent>
{
    public Task HandleAsync(OrderPickedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        stock.ConsumeAsync(e.OrderId,
            [.. e.Lines.Where(l => l.PickedQuantity > 0).Select(l => new StockLine(l.SubstituteSku ?? l.Sku, l.PickedQuantity))],
            "event:order-picked", cancellationToken);
}
