namespace Grocery.Contracts.Delivery;

/// <summary>
/// The shipment reached the shopper. For cash on delivery the collected amount is recorded; lines the
/// shopper refused at the door come back to the warehouse and are refunded or not charged.
/// </summary>
public sealed record ShipmentDeliveredIntegrationEvent(
    Guid OrderId,
    Guid ShipmentId,
    DateTimeOffset DeliveredAt,
    decimal? CashCollected,
    IReadOnlyList<RefusedLine>? RefusedLines = null) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}

/// <summary>A line (or part of it) the shopper refused at the door; Sku is what was delivered (the substitute when there was one).</summary>
public sealed record RefusedLine(string Sku, decimal Quantity, string? Reason);
