namespace Grocery.Contracts.Delivery;

/// <summary>The carrier could not deliver the shipment.</summary>
public sealed record ShipmentFailedIntegrationEvent(
    Guid OrderId,
    Guid ShipmentId,
    string Carrier,
    string Reason,
    DateTimeOffset FailedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
