namespace Grocery.Inventory.Domain;

/// <summary>
/// Stock of one SKU in one warehouse. Quantities are units, or kg for weighed goods.
/// The database enforces 0 ≤ reserved ≤ on hand, so available never goes negative.
/// </summary>
public sealed class StockItem
{
    public Guid WarehouseId { get; set; }
    public required string Sku { get; set; }
    public decimal OnHand { get; set; }
    public decimal Reserved { get; set; }
    public decimal LowStockThreshold { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Counts the row's changes (1 when created), so consumers can tell a later state from an earlier one.</summary>
    public long Version { get; set; }

    public decimal Available => OnHand - Reserved;
}
