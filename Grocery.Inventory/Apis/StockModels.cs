using Grocery.Contracts;
using Grocery.Inventory.Stock;

namespace Grocery.Inventory.Apis;

public sealed record AvailabilityRequest(Guid WarehouseId, IReadOnlyList<ReservationLineRequest>? Lines);

public sealed record ReceiptLineRequest(string? Sku, decimal Quantity, DateOnly? BestBefore, string? LotCode, decimal? LowStockThreshold);

public sealed record ReceiptRequest(Guid WarehouseId, string? Reference, IReadOnlyList<ReceiptLineRequest>? Lines);

/// <summary>Quantity is signed: positive for stock found, negative for stock missing.</summary>
public sealed record AdjustmentLineRequest(string? Sku, decimal Quantity, DateOnly? BestBefore, string? Reason);

public sealed record AdjustmentRequest(Guid WarehouseId, string? Reason, IReadOnlyList<AdjustmentLineRequest>? Lines);

public sealed record WriteOffLineRequest(string? Sku, decimal Quantity, Guid? LotId, string? Reason);

public sealed record WriteOffRequest(Guid WarehouseId, string? Reason, IReadOnlyList<WriteOffLineRequest>? Lines);

public sealed record LotView(Guid Id, string? LotCode, DateOnly? BestBefore, decimal Quantity, DateTimeOffset ReceivedAt);

public sealed record WarehouseStockView(
    Guid WarehouseId, string WarehouseCode, decimal OnHand, decimal Reserved, decimal Available, StockState State,
    decimal LowStockThreshold, IReadOnlyList<LotView> Lots);

public sealed record SkuStockView(string Sku, IReadOnlyList<WarehouseStockView> Warehouses);

public sealed record LineAvailabilityView(string Sku, decimal Requested, decimal Available, StockState State, bool Sufficient);

public sealed record AvailabilityView(Guid WarehouseId, bool AllAvailable, IReadOnlyList<LineAvailabilityView> Lines);

public sealed record StockChangeView(
    Guid WarehouseId, IReadOnlyList<ReceivedLot> Lots, IReadOnlyList<LevelChange> LevelChanges, IReadOnlyList<OrderShortfall> Shortfalls);

public sealed record MovementView(
    long Id, Guid WarehouseId, string Sku, Guid? LotId, string Kind, decimal OnHandDelta, decimal ReservedDelta,
    Guid? OrderId, string Actor, string? Reason, DateTimeOffset OccurredAt);

public sealed record LowStockView(string Sku, decimal OnHand, decimal Reserved, decimal Available, StockState State, decimal LowStockThreshold);

public sealed record ExpiringLotView(Guid LotId, string Sku, string? LotCode, DateOnly BestBefore, decimal Quantity, DateTimeOffset ReceivedAt);

/// <summary>Lots whose best-before is on or before <see cref="Until"/>, in the warehouse's calendar (<see cref="Today"/>).</summary>
public sealed record ExpiringLotsView(Guid WarehouseId, DateOnly Today, DateOnly Until, IReadOnlyList<ExpiringLotView> Lots);
