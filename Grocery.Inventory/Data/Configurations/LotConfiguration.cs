using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public void Configure(EntityTypeBuilder<Lot> e)
    {
        e.ToTable("lots", t =>
        {
            t.HasCheckConstraint("ck_lots_quantity", "quantity >= 0 AND quantity <= received_quantity");
        });
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).HasColumnName("id");
        e.Property(l => l.WarehouseId).HasColumnName("warehouse_id");
        e.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(InventoryLimits.SkuLength);
        e.Property(l => l.LotCode).HasColumnName("lot_code").HasMaxLength(InventoryLimits.LotCodeLength);
        e.Property(l => l.BestBefore).HasColumnName("best_before");
        e.Property(l => l.ReceivedQuantity).HasColumnName("received_quantity").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(l => l.Quantity).HasColumnName("quantity").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(l => l.ReceivedAt).HasColumnName("received_at");
        e.HasOne<StockItem>().WithMany().HasForeignKey(l => new { l.WarehouseId, l.Sku }).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(l => new { l.WarehouseId, l.Sku, l.BestBefore }).HasFilter("quantity > 0").HasDatabaseName("ix_lots_fefo");
        e.HasIndex(l => l.BestBefore).HasFilter("quantity > 0 AND best_before IS NOT NULL").HasDatabaseName("ix_lots_best_before");
    }
}
