namespace Grocery.Inventory.Apis;

public sealed record ReservationLineRequest(string? Sku, decimal Quantity);

public sealed record CreateReservationRequest(Guid? OrderId, Guid WarehouseId, Guid? UserId, IReadOnlyList<ReservationLineRequest>? Lines);

public sealed record ConfirmReservationRequest(DateTimeOffset SlotWindowEnd);

public sealed record ReleaseReservationRequest(string? Reason);

public sealed record AvailabilityRequest(Guid WarehouseId, IReadOnlyList<ReservationLineRequest>? Lines);

public sealed record ReceiptLineRequest(string? Sku, decimal Quantity, DateOnly? BestBefore, string? LotCode, decimal? LowStockThreshold);

public sealed record ReceiptRequest(Guid WarehouseId, string? Reference, IReadOnlyList<ReceiptLineRequest>? Lines);

/// <summary>Quantity is signed: positive for stock found, negative for stock missing.</summary>
public sealed record AdjustmentLineRequest(string? Sku, decimal Quantity, DateOnly? BestBefore, string? Reason);

public sealed record AdjustmentRequest(Guid WarehouseId, string? Reason, IReadOnlyList<AdjustmentLineRequest>? Lines);

public sealed record WriteOffLineRequest(string? Sku, decimal Quantity, Guid? LotId, string? Reason);

public sealed record WriteOffRequest(Guid WarehouseId, string? Reason, IReadOnlyList<WriteOffLineRequest>? Lines);

public sealed record CreateWarehouseRequest(string? Code, string? Name, string? TimeZone, decimal? LowStockThreshold);
