namespace Grocery.Delivery.Domain;

public sealed class ShipmentEvent
{
    public Guid Id { get; init; }
    public Guid ShipmentId { get; init; }
    public ShipmentStatus Status { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string Description { get; init; }
    /// <summary>"system" or the carrier's name.</summary>
    public required string Source { get; init; }
}
