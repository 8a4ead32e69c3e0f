using Grocery.Delivery.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Delivery.Data.Configurations;

internal sealed class ZoneAreaConfiguration : IEntityTypeConfiguration<ZoneArea>
{
    public void Configure(EntityTypeBuilder<ZoneArea> builder)
    {
        builder.ToTable("zone_areas");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.NormalizedName).HasMaxLength(200);
        // An address belongs to one zone only.
        builder.HasIndex(a => new { a.Kind, a.NormalizedName }).IsUnique();
    }
}
