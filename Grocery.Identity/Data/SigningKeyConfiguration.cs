using Grocery.Identity.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Identity.Data;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasMaxLength(IdentityLimits.SigningKeyIdMaxLength);
        builder.Property(k => k.Modulus).HasMaxLength(IdentityLimits.SigningKeyModulusMaxLength);
        builder.Property(k => k.Exponent).HasMaxLength(IdentityLimits.SigningKeyExponentMaxLength);
    }
}
