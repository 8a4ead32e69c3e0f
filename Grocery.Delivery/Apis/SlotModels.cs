namespace Grocery.Delivery.Apis;

/// <summary>A slot as the slot picker shows it: times in UTC and in the zone's own clock.</summary>
public sealed record SlotResponse(
    Guid Id,
    Guid ZoneId,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset LocalWindowStart,
    DateTimeOffset LocalWindowEnd,
    DateTimeOffset CutoffAt,
    int Capacity,
    int Remaining,
    decimal Fee,
    bool IsPeak,
    bool Closed,
    bool Available);

public sealed record SlotOverrideRequest(bool? Closed, int? Capacity);

public sealed record SlotHoldResponse(Guid HoldId, Guid SlotId, DateTimeOffset ExpiresAt, Guid? ReleasedSlotId);

/// <summary>Fee is the slot's; DeliveryFee is what the order pays for it given the basket value asked about.</summary>
public sealed record ExtendedHoldResponse(
    Guid HoldId,
    Guid SlotId,
    Guid ZoneId,
    Guid WarehouseId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    DateTimeOffset CutoffAt,
    decimal Fee,
    decimal MinimumBasketValue,
    decimal? FreeDeliveryThreshold,
    decimal DeliveryFee);
