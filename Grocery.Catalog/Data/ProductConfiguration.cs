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
        builder.Property(p => p.Sku).HasMaxLength(32);
        builder.Property(p => p.Gtin).HasMaxLength(13).IsFixedLength();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.NameEn).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(4000);
        builder.Property(p => p.DescriptionEn).HasMaxLength(4000);
        builder.Property(p => p.Slug).HasMaxLength(260);
        builder.Property(p => p.Brand).HasMaxLength(100);
        builder.Property(p => p.SoldBy).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Storage).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Unit).HasMaxLength(5);
        builder.Property(p => p.UnitPriceUnit).HasMaxLength(5);
        builder.Property(p => p.NetContent).HasPrecision(12, 3);
        builder.Property(p => p.Price).HasPrecision(14, 0);
        builder.Property(p => p.UnitPrice).HasPrecision(14, 0);
        builder.Property(p => p.CountryOfOrigin).HasMaxLength(2).IsFixedLength();
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => p.Sku).IsUnique();
        builder.HasIndex(p => p.Gtin).IsUnique();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        // Keyset indexes, search columns and their indexes are created in SQL by the migration.
    }
}
