namespace Grocery.Contracts.Delivery;

/// <summary>The shipment reached the shopper; for cash on delivery the collected amount is recorded.</summary>
public sealed record ShipmentDeliveredIntegrationEvent(
    Guid OrderId,
    Guid ShipmentId,
    DateTimeOffset DeliveredAt,
    decimal? CashCollected) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
