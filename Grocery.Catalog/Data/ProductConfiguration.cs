using Grocery.Catalog.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Catalog.Data;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Sku).HasMaxLength(CatalogLimits.SkuMaxLength);
        builder.Property(p => p.Gtin).HasMaxLength(CatalogLimits.GtinLength).IsFixedLength();
        builder.Property(p => p.Name).HasMaxLength(CatalogLimits.NameMaxLength);
        builder.Property(p => p.NameEn).HasMaxLength(CatalogLimits.NameMaxLength);
        builder.Property(p => p.Description).HasMaxLength(CatalogLimits.DescriptionMaxLength);
        builder.Property(p => p.DescriptionEn).HasMaxLength(CatalogLimits.DescriptionMaxLength);
        builder.Property(p => p.Slug).HasMaxLength(CatalogLimits.SlugMaxLength);
        builder.Property(p => p.Brand).HasMaxLength(CatalogLimits.BrandMaxLength);
        builder.Property(p => p.SoldBy).HasConversion<string>().HasMaxLength(CatalogLimits.EnumNameMaxLength);
        builder.Property(p => p.Storage).HasConversion<string>().HasMaxLength(CatalogLimits.EnumNameMaxLength);
        builder.Property(p => p.Unit).HasMaxLength(CatalogLimits.UnitMaxLength);
        builder.Property(p => p.UnitPriceUnit).HasMaxLength(CatalogLimits.UnitMaxLength);
        builder.Property(p => p.NetContent).HasPrecision(CatalogLimits.NetContentPrecision, CatalogLimits.NetContentScale);
        builder.Property(p => p.Price).HasPrecision(CatalogLimits.MoneyPrecision, 0);
        builder.Property(p => p.UnitPrice).HasPrecision(CatalogLimits.MoneyPrecision, 0);
        builder.Property(p => p.CountryOfOrigin).HasMaxLength(CatalogLimits.CountryCodeLength).IsFixedLength();
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.HasIndex(p => p.Gtin).IsUnique();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        // Keyset indexes, search columns and their indexes are created in SQL by the migration.
    }
}
