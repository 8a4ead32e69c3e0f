using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class ZoneConfiguration : IEntityTypeConfiguration<Zone>
{
    public void Configure(EntityTypeBuilder<Zone> builder)
    {
        builder.ToTable("zones");
        builder.HasKey(z => z.Id);
        builder.Property(z => z.Name).HasMaxLength(DeliveryLimits.ZoneNameMaxLength);
        builder.Property(z => z.TimeZoneId).HasMaxLength(DeliveryLimits.TimeZoneIdMaxLength);
        builder.Property(z => z.Carrier).HasMaxLength(DeliveryLimits.CarrierMaxLength);
        builder.Property(z => z.MinimumBasketValue).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.Property(z => z.StandardFee).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.Property(z => z.PeakFee).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.Property(z => z.FreeDeliveryThreshold).HasPrecision(DeliveryLimits.MoneyPrecision, 0);
        builder.Ignore(z => z.TimeZone);
        builder.HasMany(z => z.Areas).WithOne().HasForeignKey(a => a.ZoneId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(z => z.Templates).WithOne().HasForeignKey(t => t.ZoneId).OnDelete(DeleteBehavior.Cascade);
    }
}
