namespace Grocery.Contracts.Ordering;

/// <summary>
/// The order can be handed to a carrier (after capture, or at once for cash on delivery).
/// DropOff is where external carriers deliver; without it Delivery books the in-house fleet.
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
    DispatchAddress? DropOff = null) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}

/// <summary>The shopper's delivery address and contact, as the carrier needs them.</summary>
public sealed record DispatchAddress(
    string RecipientName,
    string Phone,
    string Address,
    string? District,
    string? Postcode,
    double? Latitude,
    double? Longitude);
