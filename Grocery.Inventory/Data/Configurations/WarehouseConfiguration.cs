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
        e.Property(w => w.Code).HasColumnName("code").HasMaxLength(32);
        e.Property(w => w.Name).HasColumnName("name").HasMaxLength(200);
        e.Property(w => w.TimeZone).HasColumnName("time_zone").HasMaxLength(64);
        e.Property(w => w.LowStockThreshold).HasColumnName("low_stock_threshold").HasColumnType("numeric(12,3)");
        e.Property(w => w.CreatedAt).HasColumnName("created_at");
        e.HasIndex(w => w.Code).IsUnique().HasDatabaseName("ux_warehouses_code");
    }
}
