namespace Grocery.Contracts.Ordering;

/// <summary>Stock, slot and payment are all secured; reservations last until the slot ends plus a grace period.</summary>
public sealed record OrderConfirmedIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    Guid SlotId,
    DateTimeOffset SlotWindowEnd,
    DateTimeOffset ConfirmedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
