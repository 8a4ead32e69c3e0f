using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public void Configure(EntityTypeBuilder<Warehouse> e)
    {
        e.ToTable("warehouses", t => t.HasCheckConstraint("ck_warehouses_low_threshold", "low_stock_threshold >= 0"));
        e.HasKey(w => w.Id);
        e.Property(w => w.Id).HasColumnName("id");
        e.Property(w => w.Code).HasColumnName("code").HasMaxLength(InventoryLimits.WarehouseCodeLength);
        e.Property(w => w.Name).HasColumnName("name").HasMaxLength(InventoryLimits.WarehouseNameLength);
        e.Property(w => w.TimeZone).HasColumnName("time_zone").HasMaxLength(InventoryLimits.TimeZoneLength);
        e.Property(w => w.LowStockThreshold).HasColumnName("low_stock_threshold").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(w => w.CreatedAt).HasColumnName("created_at");
        e.HasIndex(w => w.Code).IsUnique().HasDatabaseName("ux_warehouses_code");
    }
}
