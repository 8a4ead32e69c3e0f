namespace Grocery.Contracts.Ordering;

/// <summary>
/// The order can be handed to a carrier (after capture, or at once for cash on delivery). It names the
/// drop-off address by reference only: personal data never travels in the outbox or on Kafka. Delivery
/// fetches the address from Ordering (<c>GET /api/v1/dispatch/{orderId}/drop-off</c>, service token) when a carrier needs it.
/// </summary>
public sealed record OrderReadyForDispatchIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    Guid ZoneId,
    Guid SlotId,
    DateTimeOffset SlotWindowStart,
    DateTimeOffset SlotWindowEnd,
    PaymentMethod PaymentMethod,
    decimal AmountToCollect,
    int PackageCount,
    Guid DropOffAddressId) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
