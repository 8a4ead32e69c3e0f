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
        // Starts at 1: events published before versions existed carry 0, and are older than any row's state.
        e.Property(s => s.Version).HasColumnName("version").HasDefaultValue(1L);
        e.Ignore(s => s.Available);
        e.HasOne<Warehouse>().WithMany().HasForeignKey(s => s.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        // Room on each page for HOT updates: reserving rewrites the row but no indexed column (which rows
        // changed is kept in stock_changes, not in a flag here).
        e.HasStorageParameter("fillfactor", 70);
        e.HasIndex(s => s.Sku).HasDatabaseName("ix_stock_items_sku");
    }
}
