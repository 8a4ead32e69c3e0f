namespace Grocery.Web.Services;

public sealed record ZoneLookup(
    Guid ZoneId, string Name, Guid WarehouseId, string TimeZone, decimal MinimumBasketValue, decimal StandardFee, decimal PeakFee,
    decimal? FreeDeliveryThreshold);

public sealed record DeliverySlot(
    Guid Id, Guid ZoneId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset LocalWindowStart,
    DateTimeOffset LocalWindowEnd, DateTimeOffset CutoffAt, int Capacity, int Remaining, decimal Fee, bool IsPeak, bool Closed, bool Available);

public sealed record SlotHold(Guid HoldId, Guid SlotId, DateTimeOffset ExpiresAt, Guid? ReleasedSlotId);

public sealed record ExtendedHold(
    Guid HoldId, Guid SlotId, Guid ZoneId, Guid WarehouseId, DateTimeOffset ExpiresAt, DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd, DateTimeOffset CutoffAt, decimal Fee, decimal MinimumBasketValue, decimal? FreeDeliveryThreshold);

public sealed record ShipmentEvent(string Status, DateTimeOffset OccurredAt, string Description, string Source);

public sealed record Shipment(
    Guid ShipmentId, Guid OrderId, string Carrier, string? TrackingNumber, string Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    IReadOnlyList<ShipmentEvent> Timeline);
