namespace Grocery.Inventory.Stock;

/// <summary>SQLSTATEs raised by the stock functions (<see cref="Data.InventorySql"/>).</summary>
public static class StockErrors
{
    public const string OnHandWouldBeNegative = "GR001";
    public const string LotTooSmall = "GR002";
    public const string UnknownWarehouse = "GR003";
    /// <summary>On hand would grow beyond what its column holds (<see cref="Domain.InventoryLimits.MaxStoredQuantity"/>).</summary>
    public const string OnHandWouldExceedLimit = "GR004";
    public const string LedgerInconsistent = "GR900";
}

/// <summary>A stock change refused because one of its lines is impossible; nothing was written.</summary>
public sealed class StockLineRejectedException(int lineIndex, string code, string message) : Exception(message)
{
    public int LineIndex { get; } = lineIndex;
    public string Code { get; } = code;
}

public sealed class UnknownWarehouseException(Guid warehouseId) : Exception($"Warehouse {warehouseId} does not exist.")
{
    public Guid WarehouseId { get; } = warehouseId;
}
