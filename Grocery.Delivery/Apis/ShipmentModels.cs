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
