namespace Grocery.Delivery.Slots;

/// <summary>Bound from the "Delivery" configuration section.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(60);
    public int CalendarDays { get; set; } = 7;
    public TimeSpan CalendarInterval { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);
    public int SweepBatchSize { get; set; } = 500;
    /// <summary>Availability events are coalesced per slot over this interval, so a burst of holds is one event.</summary>
    public TimeSpan AvailabilityPublishInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int AvailabilityBatchSize { get; set; } = 500;
    public bool BackgroundJobsEnabled { get; set; } = true;
}
