using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class DeliverySlotConfiguration : IEntityTypeConfiguration<DeliverySlot>
{
    public void Configure(EntityTypeBuilder<DeliverySlot> builder)
    {
        builder.ToTable("slots", t =>
        {
            t.HasCheckConstraint("ck_slots_capacity", "held >= 0 AND confirmed >= 0 AND held + confirmed <= capacity");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Fee).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.Ignore(s => s.Remaining);
        // The calendar generator inserts with ON CONFLICT on this key, so reruns add nothing twice.
        builder.HasIndex(s => new { s.ZoneId, s.WindowStart }).IsUnique();
        builder.HasIndex(s => s.AvailabilityDirty).HasFilter("availability_dirty");
        // Starts at 1: events published before versions existed carry 0, and are older than any slot's state.
        builder.Property(s => s.Version).HasDefaultValue(1L);
        builder.HasOne<Zone>().WithMany().HasForeignKey(s => s.ZoneId).OnDelete(DeleteBehavior.Cascade);
    }
}
