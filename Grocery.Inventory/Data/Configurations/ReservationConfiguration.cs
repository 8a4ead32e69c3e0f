using Grocery.Inventory.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Inventory.Data.Configurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> e)
    {
        e.ToTable("reservations", t => t.HasCheckConstraint("ck_reservations_status",
            "status IN ('pending', 'confirmed', 'consumed', 'released', 'expired', 'failed')"));
        e.HasKey(r => r.OrderId);
        e.Property(r => r.OrderId).HasColumnName("order_id");
        e.Property(r => r.WarehouseId).HasColumnName("warehouse_id");
        e.Property(r => r.UserId).HasColumnName("user_id");
        e.Property(r => r.Status).HasColumnName("status").HasMaxLength(InventoryLimits.StatusLength);
        e.Property(r => r.ExpiresAt).HasColumnName("expires_at");
        e.Property(r => r.CreatedAt).HasColumnName("created_at");
        e.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        e.Property(r => r.CreatedBy).HasColumnName("created_by").HasMaxLength(InventoryLimits.ActorLength);
        e.Property(r => r.Shortfalls).HasColumnName("shortfalls").HasColumnType("jsonb");
        // No foreign key to warehouses: every reservation would take a KEY SHARE lock on the same
        // warehouse row, turning the hot path into MultiXact churn. inventory_reserve_batch checks it instead.
        e.HasStorageParameter("fillfactor", 80);
        e.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        // The sweeper's scan: only active reservations, oldest deadline first.
        e.HasIndex(r => r.ExpiresAt).HasFilter("status IN ('pending', 'confirmed')").HasDatabaseName("ix_reservations_active_expiry");
    }
}
