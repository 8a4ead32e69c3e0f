using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Ordering.Data.Configurations;

internal sealed class OrderPaymentConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        // The timeout worker looks for saved cards due for authorisation; only orders far ahead have one.
        builder.HasIndex(o => o.AuthoriseAt).HasFilter("\"AuthoriseAt\" IS NOT NULL");
    }
}
