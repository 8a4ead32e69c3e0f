namespace Grocery.Delivery.Carriers;

public sealed record CarrierAddress(
    string Name,
    string Phone,
    string Address,
    string? District = null,
    string? Province = null,
    string? Postcode = null,
    double? Latitude = null,
    double? Longitude = null)
{
    // A drop-off is the shopper's personal data: printing the record (a log line, an exception) shows none of it.
    public override string ToString() => nameof(CarrierAddress) + " { redacted }";
}

public sealed record ShipmentRequest(
    Guid OrderId,
    Guid ZoneId,
    Guid WarehouseId,
    CarrierAddress Pickup,
    CarrierAddress? DropOff,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    bool CashOnDelivery,
    decimal AmountToCollect,
    int PackageCount,
    int WeightGrams);

public sealed record CarrierQuote(string Carrier, decimal Fee, string Currency, DateTimeOffset? EstimatedDropOff);

public sealed record CarrierBooking(string Carrier, string Reference, decimal? Fee, string? TrackingUrl);

public sealed record CarrierTracking(string Carrier, string Reference, CarrierShipmentState State, string? RawStatus, DateTimeOffset? UpdatedAt);

/// <summary>A verified callback: <see cref="EventKey"/> identifies it for deduplication.</summary>
public sealed record CarrierStatusUpdate(
    string EventKey,
    string Reference,
    string? MerchantOrderId,
    CarrierShipmentState State,
    string RawStatus,
    DateTimeOffset OccurredAt,
    string? Reason);

public enum CarrierShipmentState
{
    Booked,
    InTransit,
    Dispatched,
    Delivered,
    Failed,
    Cancelled,
}
