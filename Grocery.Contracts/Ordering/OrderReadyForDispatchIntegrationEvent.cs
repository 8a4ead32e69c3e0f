namespace Grocery.Contracts.Ordering;

/// <summary>The order can be handed to a carrier (after capture, or at once for cash on delivery).</summary>
public sealed record OrderReadyForDispatchIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    Guid ZoneId,
    Guid SlotId,
    DateTimeOffset SlotWindowStart,
    DateTimeOffset SlotWindowEnd,
    PaymentMethod PaymentMethod,
    decimal AmountToCollect,
    int PackageCount) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
