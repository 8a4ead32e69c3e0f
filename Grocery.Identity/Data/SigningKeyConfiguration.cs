using Grocery.Identity.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Identity.Data;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasMaxLength(64);
        builder.Property(k => k.Modulus).HasMaxLength(1024);
        builder.Property(k => k.Exponent).HasMaxLength(16);
    }
}
