using Grocery.Contracts.Ordering;
using Grocery.Inventory.Stock;
using Grocery.Messaging;

namespace Grocery.Inventory.IntegrationEvents.EventHandling;

/// <summary>
/// Consumes the reservation by what was actually picked (a weighed line may differ from its estimate; a
/// substitute is taken instead of the original) and releases every other quantity held for the order:
/// originals that were substituted or short, and the unpicked rest of lighter weighed lines.
/// A redelivered event finds the reservation consumed and changes nothing.
/// </summary>
public sealed class OrderPickedHandler(StockService stock, ILogger<OrderPickedHandler> logger) : IIntegrationEventHandler<OrderPickedIntegrationEvent>
{
    public async Task HandleAsync(OrderPickedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var reservation = await stock.ConsumeAsync(e.OrderId,
            [.. e.Lines.Where(l => l.PickedQuantity > 0).Select(l => new PickedStock(l.SubstituteSku ?? l.Sku, l.PickedQuantity, l.Storage))],
            "event:order-picked", cancellationToken);
        if (reservation is null)
            logger.LogWarning("Order {OrderId} was picked in warehouse {WarehouseId} but Inventory holds no reservation for it; on hand is unchanged.",
                e.OrderId, e.WarehouseId);
    }
}
