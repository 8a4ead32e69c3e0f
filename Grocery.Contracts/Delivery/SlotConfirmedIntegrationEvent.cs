namespace Grocery.Contracts.Delivery;

/// <summary>The order's slot hold became a confirmed booking.</summary>
public sealed record SlotConfirmedIntegrationEvent(
    Guid OrderId,
    Guid SlotId,
    Guid SlotHoldId,
    Guid ZoneId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    decimal DeliveryFee) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
