using Microsoft.EntityFrameworkCore.Design;

namespace Grocery.Catalog.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service or reaching a database.</summary>
internal sealed class CatalogDbContextFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CatalogDbContext>()
            .UseNpgsql("Host=localhost;Database=catalogdb", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
