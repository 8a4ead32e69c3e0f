using Grocery.Catalog.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Catalog.Data;

internal sealed class ProductAvailabilityConfiguration : IEntityTypeConfiguration<ProductAvailability>
{
    public void Configure(EntityTypeBuilder<ProductAvailability> builder)
    {
        builder.ToTable("product_availability");
        builder.HasKey(a => new { a.Sku, a.WarehouseId });
        builder.Property(a => a.Sku).HasMaxLength(CatalogLimits.SkuMaxLength);
        builder.Property(a => a.Available).HasPrecision(CatalogLimits.AvailablePrecision, CatalogLimits.AvailableScale);
        builder.Property(a => a.State).HasConversion<short>();
        // Named here: the context's snake_case convention leaves properties called Version to their configuration.
        builder.Property(a => a.Version).HasColumnName("version");
        builder.HasIndex(a => new { a.WarehouseId, a.Sku }).HasFilter("state <> 2");
    }
}
