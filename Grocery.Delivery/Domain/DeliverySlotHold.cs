namespace Grocery.Delivery.Domain;

/// <summary>A shopper's claim on one unit of a slot's capacity; at most one is Active per shopper.</summary>
public sealed class DeliverySlotHold
{
    public Guid Id { get; init; }
    public Guid SlotId { get; init; }
    public required string UserId { get; init; }
    public HoldStatus Status { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public Guid? OrderId { get; init; }
}
