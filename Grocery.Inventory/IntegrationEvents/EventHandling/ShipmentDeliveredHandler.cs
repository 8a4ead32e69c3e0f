using Grocery.Contracts.Delivery;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Grocery.Messaging;

namespace Grocery.Inventory.IntegrationEvents.EventHandling;

/// <summary>Lines the shopper refused at the door come back to the warehouse, pending inspection; the rest stays sold.</summary>
public sealed class ShipmentDeliveredHandler(StockService stock, ILogger<ShipmentDeliveredHandler> logger)
    : IIntegrationEventHandler<ShipmentDeliveredIntegrationEvent>
{
    public async Task HandleAsync(ShipmentDeliveredIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var refused = e.RefusedLines?.Where(l => l.Quantity > 0 && !string.IsNullOrWhiteSpace(l.Sku)).ToList() ?? [];
        if (refused.Count == 0) return;
        var reasons = string.Join("; ", refused.Where(l => !string.IsNullOrWhiteSpace(l.Reason)).Select(l => $"{l.Sku}: {l.Reason}").Distinct());
        var (consumed, opened) = await stock.RecordReturnsAsync(e.OrderId, e.ShipmentId, ReturnSources.Refused,
            [.. refused.Select(l => new StockLine(l.Sku, l.Quantity))],
            reasons.Length == 0 ? "refused at the door" : ShipmentFailedHandler.Truncate(reasons), cancellationToken);
        if (!consumed) throw new InvalidOperationException($"Order {e.OrderId} was delivered but its picking is not recorded yet.");
        if (opened < refused.Select(l => l.Sku).Distinct().Count())
            logger.LogInformation("Order {OrderId}: {Opened} of {Refused} refused SKUs opened a return (the rest were returned already or never picked).",
                e.OrderId, opened, refused.Count);
    }
}
