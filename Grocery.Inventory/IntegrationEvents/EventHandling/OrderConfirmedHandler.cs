using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Inventory.Stock;
using Grocery.Messaging;
using Grocery.Messaging.Outbox;

namespace Grocery.Inventory.IntegrationEvents.EventHandling;

/// <summary>
/// Holds the stock until the slot ends plus the grace period. A confirmation that arrives after the
/// pending hold expired finds nothing held: Ordering hears it as a shortfall of every line.
/// </summary>
public sealed class OrderConfirmedHandler(StockService stock, IIntegrationEventOutbox outbox)
    : IIntegrationEventHandler<OrderConfirmedIntegrationEvent>
{
    public async Task HandleAsync(OrderConfirmedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var reservation = await stock.ConfirmAsync(e.OrderId, e.SlotWindowEnd, "event:order-confirmed", cancellationToken);
        if (reservation is { Status: "expired" })
            outbox.Add(new StockShortfallIntegrationEvent(e.OrderId, reservation.WarehouseId,
                [.. reservation.Lines.Select(l => new StockShortfallLine(l.Sku, l.Quantity, 0))], stock.Now));
    }
}
