namespace Grocery.Delivery.Domain;

/// <summary>A recurring delivery window on one weekday, in the zone's local time.</summary>
public sealed class SlotTemplate
{
    public Guid Id { get; init; }
    public Guid ZoneId { get; init; }
    public DayOfWeek DayOfWeek { get; set; }
    public TimeOnly StartTime { get; set; }
    public TimeOnly EndTime { get; set; }
    public int Capacity { get; set; }
    public bool IsPeak { get; set; }
    /// <summary>Overrides the zone's standard or peak fee for this window.</summary>
    public decimal? Fee { get; set; }
    /// <summary>Orders close this many minutes before the window starts (picking needs the time).</summary>
    public int CutoffMinutes { get; set; }
}
