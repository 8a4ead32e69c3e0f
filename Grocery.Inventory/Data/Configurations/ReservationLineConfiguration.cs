using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class ReservationLineConfiguration : IEntityTypeConfiguration<ReservationLine>
{
    public void Configure(EntityTypeBuilder<ReservationLine> e)
    {
        e.ToTable("reservation_lines", t =>
        {
            t.HasCheckConstraint("ck_reservation_lines_quantity", "quantity > 0");
            t.HasCheckConstraint("ck_reservation_lines_reserved", "reserved >= 0 AND reserved <= quantity");
            t.HasCheckConstraint("ck_reservation_lines_picked", "picked IS NULL OR picked >= 0");
        });
        e.HasKey(l => new { l.OrderId, l.Sku });
        e.Property(l => l.OrderId).HasColumnName("order_id");
        e.Property(l => l.Sku).HasColumnName("sku").HasMaxLength(InventoryLimits.SkuLength);
        e.Property(l => l.Quantity).HasColumnName("quantity").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(l => l.Reserved).HasColumnName("reserved").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(l => l.Picked).HasColumnName("picked").HasColumnType(InventoryLimits.QuantityColumnType);
        e.Property(l => l.SubstituteFor).HasColumnName("substitute_for").HasMaxLength(InventoryLimits.SkuLength);
        e.HasStorageParameter("fillfactor", 80);
        // Shortfall allocation finds the active lines of one SKU.
        e.HasIndex(l => l.Sku).HasFilter("reserved > 0").HasDatabaseName("ix_reservation_lines_active_sku");
    }
}
