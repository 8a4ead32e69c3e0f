using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class ConsumedLineConfiguration : IEntityTypeConfiguration<ConsumedLine>
{
    public void Configure(EntityTypeBuilder<ConsumedLine> e)
    {
        e.ToTable("consumed_lines", t =>
        {
            t.HasCheckConstraint("ck_consumed_lines_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_consumed_lines_returned", "returned >= 0 AND returned <= quantity");
            t.HasCheckConstraint("ck_consumed_lines_storage", "storage IN ('ambient', 'chilled', 'frozen')");
        });
        e.HasKey(l => new { l.OrderId, l.Sku });
        e.Property(l => l.OrderId).HasColumnName("order_id");
        e.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(InventoryLimits.SkuLength);
        e.Property(l => l.WarehouseId).HasColumnName("warehouse_id");
        e.Property(l => l.Quantity).HasColumnName("quantity").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(l => l.Returned).HasColumnName("returned").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(l => l.Storage).HasColumnName("storage").HasMaxLength(InventoryLimits.StorageLength);
        e.Property(l => l.ConsumedAt).HasColumnName("consumed_at");
    }
}
