namespace Grocery.Ordering.Clients;

/// <summary>A shopper's slot hold as Delivery reports it after extending it; DeliveryFee is what the order pays for the slot.</summary>
public sealed record SlotHold(
    Guid HoldId,
    Guid SlotId,
    Guid ZoneId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    decimal DeliveryFee);
