using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class DeliverySlotHoldConfiguration : IEntityTypeConfiguration<DeliverySlotHold>
{
    public void Configure(EntityTypeBuilder<DeliverySlotHold> builder)
    {
        builder.ToTable("slot_holds");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.UserId).HasMaxLength(DeliveryLimits.UserIdMaxLength);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(DeliveryLimits.StatusMaxLength);
        builder.HasOne<DeliverySlot>().WithMany().HasForeignKey(h => h.SlotId).OnDelete(DeleteBehavior.Cascade);
        // One active hold per shopper, enforced by the database as well as by the hold function.
        builder.HasIndex(h => h.UserId).IsUnique().HasFilter("status = 'Active'").HasDatabaseName("ux_slot_holds_active_user");
        builder.HasIndex(h => h.ExpiresAt).HasFilter("status = 'Active'").HasDatabaseName("ix_slot_holds_active_expiry");
        builder.HasIndex(h => h.OrderId).IsUnique().HasFilter("order_id IS NOT NULL");
        builder.HasIndex(h => h.SlotId);
    }
}
