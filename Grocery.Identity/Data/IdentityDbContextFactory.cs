using Microsoft.EntityFrameworkCore.Design;

namespace Grocery.Identity.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service or reaching a database.</summary>
internal sealed class IdentityDbContextFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDbContext>()
            .UseNpgsql("Host=localhost;Database=identitydb", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
