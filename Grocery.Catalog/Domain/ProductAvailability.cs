using Grocery.Contracts;

namespace Grocery.Catalog.Domain;

/// <summary>What Inventory last told us about one SKU in one warehouse (dark store).</summary>
public sealed class ProductAvailability
{
    public required string Sku { get; set; }
    public Guid WarehouseId { get; set; }
    public decimal Available { get; set; }
    public StockState State { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>Inventory's change counter of the stock row; 0 for what came before events carried it.</summary>
    public long Version { get; set; }
}
