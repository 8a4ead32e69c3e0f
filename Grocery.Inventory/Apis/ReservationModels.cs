namespace Grocery.Inventory.Apis;

public sealed record ReservationLineRequest(string? Sku, decimal Quantity);

public sealed record CreateReservationRequest(Guid? OrderId, Guid WarehouseId, Guid? UserId, IReadOnlyList<ReservationLineRequest>? Lines);

public sealed record ConfirmReservationRequest(DateTimeOffset SlotWindowEnd);

public sealed record ReleaseReservationRequest(string? Reason);
