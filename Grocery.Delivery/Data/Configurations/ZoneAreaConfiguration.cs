using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class ZoneAreaConfiguration : IEntityTypeConfiguration<ZoneArea>
{
    public void Configure(EntityTypeBuilder<ZoneArea> builder)
    {
        builder.ToTable("zone_areas");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(DeliveryLimits.StatusMaxLength);
        builder.Property(a => a.Name).HasMaxLength(DeliveryLimits.AreaNameMaxLength);
        builder.Property(a => a.NormalizedName).HasMaxLength(DeliveryLimits.AreaNameMaxLength);
        // An address belongs to one zone only.
        builder.HasIndex(a => new { a.Kind, a.NormalizedName }).IsUnique();
    }
}
