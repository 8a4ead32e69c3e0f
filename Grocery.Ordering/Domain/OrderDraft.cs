namespace Grocery.Ordering.Domain;

/// <summary>Everything checkout established before the order exists.</summary>
public sealed record OrderDraft(
    Guid OrderId,
    string UserId,
    string IdempotencyKey,
    string RequestHash,
    Guid WarehouseId,
    Guid ZoneId,
    Guid SlotId,
    Guid SlotHoldId,
    DateTimeOffset SlotWindowStart,
    DateTimeOffset SlotWindowEnd,
    DateTimeOffset SlotHoldExpiresAt,
    string? Postcode,
    string? District,
    PaymentMethod PaymentMethod,
    IReadOnlyList<PricedLine> Lines,
    decimal DeliveryFee,
    decimal MinimumBasketValue);
