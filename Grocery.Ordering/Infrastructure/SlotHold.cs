namespace Grocery.Ordering.Infrastructure;

/// <summary>A shopper's slot hold as Delivery reports it after extending it.</summary>
public sealed record SlotHold(
    Guid HoldId,
    Guid SlotId,
    Guid ZoneId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    decimal Fee);
