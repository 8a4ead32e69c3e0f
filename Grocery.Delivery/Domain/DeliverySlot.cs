namespace Grocery.Delivery.Domain;

/// <summary>
/// One concrete window of a zone's calendar. Held and Confirmed only change through conditional
/// SQL updates (see SlotHoldService) so that Held + Confirmed never exceeds Capacity.
/// </summary>
public sealed class DeliverySlot
{
    public Guid Id { get; init; }
    public Guid ZoneId { get; init; }
    public Guid? TemplateId { get; init; }
    public DateTimeOffset WindowStart { get; init; }
    public DateTimeOffset WindowEnd { get; init; }
    public DateTimeOffset CutoffAt { get; init; }
    public int Capacity { get; init; }
    public int Held { get; init; }
    public int Confirmed { get; init; }
    public bool Closed { get; init; }
    public bool IsPeak { get; init; }
    public decimal Fee { get; init; }
    /// <summary>Set by every capacity change; the availability publisher clears it when it publishes.</summary>
    public bool AvailabilityDirty { get; init; }
    /// <summary>Counts the slot's changes of capacity, holds, bookings or closing (1 when created), so consumers can tell a later state from an earlier one.</summary>
    public long Version { get; init; }

    public int Remaining => Math.Max(0, Capacity - Held - Confirmed);

    public bool IsBookable(DateTimeOffset now) => !Closed && CutoffAt > now && Remaining > 0;
}
