using Grocery.Catalog.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Catalog.Data;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.Property(c => c.Name).HasMaxLength(CatalogLimits.CategoryNameMaxLength);
        builder.Property(c => c.Slug).HasMaxLength(CatalogLimits.CategorySlugMaxLength);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasIndex(c => c.ParentId);
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
