using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class ZoneConfiguration : IEntityTypeConfiguration<Zone>
{
    public void Configure(EntityTypeBuilder<Zone> builder)
    {
        builder.ToTable("zones");
        builder.HasKey(z => z.Id);
        builder.Property(z => z.Name).HasMaxLength(200);
        builder.Property(z => z.TimeZoneId).HasMaxLength(64);
        builder.Property(z => z.Carrier).HasMaxLength(64);
        builder.Property(z => z.MinimumBasketValue).HasPrecision(18, 0);
        builder.Property(z => z.StandardFee).HasPrecision(18, 0);
        builder.Property(z => z.PeakFee).HasPrecision(18, 0);
        builder.Property(z => z.FreeDeliveryThreshold).HasPrecision(18, 0);
        builder.Ignore(z => z.TimeZone);
        builder.HasMany(z => z.Areas).WithOne().HasForeignKey(a => a.ZoneId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(z => z.Templates).WithOne().HasForeignKey(t => t.ZoneId).OnDelete(DeleteBehavior.Cascade);
    }
}
