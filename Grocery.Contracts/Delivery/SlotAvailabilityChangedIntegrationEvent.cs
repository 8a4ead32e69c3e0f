namespace Grocery.Contracts.Delivery;

/// <summary>Remaining capacity of a delivery slot changed.</summary>
public sealed record SlotAvailabilityChangedIntegrationEvent(
    Guid SlotId,
    Guid ZoneId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Capacity,
    int Remaining,
    bool Closed) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => SlotId.ToString();
}
