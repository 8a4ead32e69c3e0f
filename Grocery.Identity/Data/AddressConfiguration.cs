using Grocery.Identity.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Identity.Data;

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> builder)
    {
        builder.ToTable("addresses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Label).HasMaxLength(IdentityLimits.AddressLabelMaxLength);
        builder.Property(a => a.Ward).HasMaxLength(IdentityLimits.WardMaxLength);
        builder.Property(a => a.District).HasMaxLength(IdentityLimits.DistrictMaxLength);
        builder.Property(a => a.City).HasMaxLength(IdentityLimits.CityMaxLength);
        builder.Property(a => a.PostalCode).HasMaxLength(IdentityLimits.PostalCodeColumnLength);
        builder.Property(a => a.IdempotencyKey).HasMaxLength(IdentityLimits.IdempotencyKeyMaxLength);
        builder.HasIndex(a => new { a.UserId, a.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        builder.HasIndex(a => a.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
