using Grocery.Identity.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Identity.Data;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(IdentityLimits.EmailMaxLength);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(IdentityLimits.EmailMaxLength);
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Property(u => u.PasswordHash).HasMaxLength(IdentityLimits.PasswordHashMaxLength);
        builder.Property(u => u.DisplayName).HasMaxLength(IdentityLimits.DisplayNameMaxLength);
        builder.Property(u => u.DefaultSubstitution).HasConversion<string>().HasMaxLength(IdentityLimits.SubstitutionMaxLength);
        builder.Property(u => u.Language).HasMaxLength(IdentityLimits.LanguageMaxLength).HasDefaultValue(ShopperLanguage.Default);
        builder.Property(u => u.Version).IsRowVersion();
        builder.Ignore(u => u.IsDeleted);
        builder.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(u => u.Roles).AutoInclude();
    }
}
