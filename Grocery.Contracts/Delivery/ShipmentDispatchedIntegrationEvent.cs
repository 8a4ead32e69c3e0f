namespace Grocery.Contracts.Delivery;

/// <summary>The shipment left the warehouse.</summary>
public sealed record ShipmentDispatchedIntegrationEvent(
    Guid OrderId,
    Guid ShipmentId,
    string Carrier,
    DateTimeOffset DispatchedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
