using Grocery.Contracts;
using Grocery.Inventory.Stock;

namespace Grocery.Inventory.Apis;

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

public sealed record WarehouseView(Guid Id, string Code, string Name, string TimeZone, decimal LowStockThreshold);
