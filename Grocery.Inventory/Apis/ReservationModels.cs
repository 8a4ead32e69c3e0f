namespace Grocery.Inventory.Apis;

public sealed record ReservationLineRequest(string? Sku, decimal Quantity);

public sealed record CreateReservationRequest(Guid? OrderId, Guid WarehouseId, Guid? UserId, IReadOnlyList<ReservationLineRequest>? Lines);

public sealed record ConfirmReservationRequest(DateTimeOffset SlotWindowEnd);

public sealed record ReleaseReservationRequest(string? Reason);

/// <summary>A substitute for the reservation's line of <c>OriginalSku</c>: <c>Quantity</c> (units or kg) of <c>Sku</c>.</summary>
public sealed record SubstitutionRequest(string? OriginalSku, string? Sku, decimal Quantity);
