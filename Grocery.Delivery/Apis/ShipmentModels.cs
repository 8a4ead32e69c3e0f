namespace Grocery.Delivery.Apis;

public sealed record ShipmentEventResponse(string Status, DateTimeOffset OccurredAt, string Description, string Source);

public sealed record ShipmentResponse(
    Guid ShipmentId,
    Guid OrderId,
    string Carrier,
    string? TrackingNumber,
    string Status,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<ShipmentEventResponse> Timeline);

/// <summary>A driver's view of one in-house drop-off; <see cref="DropOff"/> is null when Ordering could not give it just now.</summary>
public sealed record DriverShipmentResponse(
    Guid OrderId,
    Guid ShipmentId,
    Guid ZoneId,
    string Status,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    decimal AmountToCollect,
    DriverDropOffResponse? DropOff);

public sealed record DriverDropOffResponse(
    string RecipientName,
    string Phone,
    string Address,
    string? District,
    string? Postcode,
    double? Latitude,
    double? Longitude);

public sealed record RefusedLineRequest(string? Sku, decimal Quantity, string? Reason);

public sealed record DeliveredRequest(decimal? CashCollected, IReadOnlyList<RefusedLineRequest?>? RefusedLines);

public sealed record FailedRequest(string? Reason);
