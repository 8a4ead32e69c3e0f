using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> e)
    {
        e.ToTable("stock_items", t =>
        {
            t.HasCheckConstraint("ck_stock_items_on_hand", "on_hand >= 0");
            t.HasCheckConstraint("ck_stock_items_reserved", "reserved >= 0");
            t.HasCheckConstraint("ck_stock_items_available", "reserved <= on_hand");
        });
        e.HasKey(s => new { s.WarehouseId, s.Sku });
        e.Property(s => s.WarehouseId).HasColumnName("warehouse_id");
        e.Property(s => s.Sku).HasColumnName("sku").HasMaxLength(InventoryLimits.SkuLength);
        e.Property(s => s.OnHand).HasColumnName("on_hand").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(s => s.Reserved).HasColumnName("reserved").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(s => s.LowStockThreshold).HasColumnName("low_threshold").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(s => s.UpdatedAt).HasColumnName("updated_at");
        // The stock functions insert rows without naming it.
        e.Property(s => s.LevelChanged).HasColumnName("level_changed").HasDefaultValue(false);
        e.Ignore(s => s.Available);
        e.HasOne<Warehouse>().WithMany().HasForeignKey(s => s.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        // Room on each page for HOT updates: reserving rewrites the row but no indexed column.
        e.HasStorageParameter("fillfactor", 70);
        e.HasIndex(s => s.Sku).HasDatabaseName("ix_stock_items_sku");
        // Only threshold crossings flip the flag, so most reservations keep their HOT update.
        e.HasIndex(s => new { s.WarehouseId, s.Sku }).HasDatabaseName("ix_stock_items_level_changed").HasFilter("level_changed");
    }
}
