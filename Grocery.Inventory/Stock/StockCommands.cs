namespace Grocery.Inventory.Stock;

public sealed record StockLine(string Sku, decimal Quantity);

public sealed record ReserveStock(Guid OrderId, Guid WarehouseId, Guid? UserId, IReadOnlyList<StockLine> Lines, string Actor);

public sealed record ReceiptLine(string Sku, decimal Quantity, DateOnly? BestBefore, string? LotCode, decimal? LowStockThreshold);

/// <summary>Delta is signed: positive adds stock (a new lot), negative removes it FEFO or from the named lot.</summary>
public sealed record OnHandChangeLine(string Sku, decimal Delta, Guid? LotId, DateOnly? BestBefore, string? Reason);

/// <summary>What picking took of one SKU (the substitute's when there was one) and how it is stored.</summary>
public sealed record PickedStock(string Sku, decimal Quantity, string? Storage);
