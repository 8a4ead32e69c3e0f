using Grocery.Identity.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Grocery.Identity.Data;

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<UserRole>
{
    public void Configure(EntityTypeBuilder<UserRole> builder)
    {
        builder.ToTable("user_roles");
        builder.HasKey(r => new { r.UserId, r.Role });
        builder.Property(r => r.Role).HasMaxLength(IdentityLimits.RoleMaxLength);
        builder.HasIndex(r => r.Role);
    }
}
