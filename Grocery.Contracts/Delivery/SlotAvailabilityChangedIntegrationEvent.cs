namespace Grocery.Contracts.Delivery;

/// <summary>
/// A delivery slot's capacity, holds, bookings or closing changed: published for every change, at most
/// once per slot per publisher round, with the slot as it was then.
/// </summary>
/// <param name="Held">Zero in events published before the figures were carried.</param>
/// <param name="Confirmed">Zero in events published before the figures were carried.</param>
/// <param name="Version">
/// The slot row's change counter: a higher version is a later state of the same slot. Zero in events
/// published before versions existed.
/// </param>
public sealed record SlotAvailabilityChangedIntegrationEvent(
    Guid SlotId,
    Guid ZoneId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int Capacity,
    int Remaining,
    bool Closed,
    int Held = 0,
    int Confirmed = 0,
    long Version = 0) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => SlotId.ToString();

    /// <summary>A shopper could still hold it, as far as capacity goes (the cut-off is the slot's own).</summary>
    public bool Open => !Closed && Remaining > 0;
}
