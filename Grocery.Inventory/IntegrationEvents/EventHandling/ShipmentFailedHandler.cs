using Grocery.Contracts.Delivery;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Grocery.Messaging;

namespace Grocery.Inventory.IntegrationEvents.EventHandling;

/// <summary>
/// A failed delivery brings every consumed line of the order back to its warehouse, pending inspection.
/// Picking precedes dispatch, so an order with no recorded consumption is one whose OrderPicked has not
/// been handled yet (another topic): failing lets the bus retry, then dead-letter it for replay.
/// </summary>
public sealed class ShipmentFailedHandler(StockService stock) : IIntegrationEventHandler<ShipmentFailedIntegrationEvent>
{
    public async Task HandleAsync(ShipmentFailedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var (consumed, _) = await stock.RecordReturnsAsync(e.OrderId, e.ShipmentId, ReturnSources.DeliveryFailed, null,
            Truncate($"{e.Carrier}: {e.Reason}"), cancellationToken);
        if (!consumed) throw new InvalidOperationException($"Order {e.OrderId} failed delivery but its picking is not recorded yet.");
    }

    internal static string Truncate(string text) => text.Length <= InventoryLimits.ReasonLength ? text : text[..InventoryLimits.ReasonLength];
}
