using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class StockChangeConfiguration : IEntityTypeConfiguration<StockChange>
{
    public void Configure(EntityTypeBuilder<StockChange> e)
    {
        // No foreign key to stock_items: the mark is written under the stock row's lock, and a key check
        // would lock the row again on the reservations' hot path.
        e.ToTable("stock_changes");
        e.HasKey(c => new { c.WarehouseId, c.Sku });
        e.Property(c => c.WarehouseId).HasColumnName("warehouse_id");
        e.Property(c => c.Sku).HasColumnName("sku").HasMaxLength(InventoryLimits.SkuLength);
    }
}
