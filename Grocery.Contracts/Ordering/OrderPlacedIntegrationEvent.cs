namespace Grocery.Contracts.Ordering;

/// <summary>A shopper placed an order; Inventory reserves its lines and Delivery confirms its slot.</summary>
public sealed record OrderPlacedIntegrationEvent(
    Guid OrderId,
    Guid UserId,
    Guid WarehouseId,
    Guid ZoneId,
    Guid SlotId,
    Guid SlotHoldId,
    DateTimeOffset SlotWindowStart,
    DateTimeOffset SlotWindowEnd,
    PaymentMethod PaymentMethod,
    IReadOnlyList<OrderLine> Lines,
    decimal EstimatedTotal,
    decimal DeliveryFee,
    DateTimeOffset PlacedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
