namespace Grocery.Contracts.Delivery;

/// <summary>A carrier accepted the order's shipment.</summary>
public sealed record ShipmentBookedIntegrationEvent(
    Guid OrderId,
    Guid ShipmentId,
    string Carrier,
    string? TrackingNumber,
    DateTimeOffset BookedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
