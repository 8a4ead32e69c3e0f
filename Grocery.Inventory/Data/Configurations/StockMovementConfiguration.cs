using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> e)
    {
        e.ToTable("stock_movements", t => t.HasCheckConstraint("ck_stock_movements_kind",
            "kind IN ('received', 'reserved', 'released', 'picked', 'adjusted', 'written_off', 'expired', 'returned')"));
        e.HasKey(m => m.Id);
        e.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        e.Property(m => m.WarehouseId).HasColumnName("warehouse_id");
        e.Property(m => m.Sku).HasColumnName("sku").HasMaxLength(InventoryLimits.SkuLength);
        e.Property(m => m.LotId).HasColumnName("lot_id");
        e.Property(m => m.Kind).HasColumnName("kind").HasMaxLength(InventoryLimits.MovementKindLength);
        e.Property(m => m.OnHandDelta).HasColumnName("on_hand_delta").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(m => m.ReservedDelta).HasColumnName("reserved_delta").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(m => m.OrderId).HasColumnName("order_id");
        e.Property(m => m.Actor).HasColumnName("actor").HasMaxLength(InventoryLimits.ActorLength);
        e.Property(m => m.Reason).HasColumnName("reason").HasMaxLength(InventoryLimits.ReasonLength);
        e.Property(m => m.OccurredAt).HasColumnName("occurred_at");
        e.HasIndex(m => new { m.WarehouseId, m.Sku, m.Id }).HasDatabaseName("ix_stock_movements_stock");
    }
}
