using Microsoft.EntityFrameworkCore.Design;

namespace Grocery.Ordering.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service or reaching a database.</summary>
internal sealed class OrderingDbContextFactory : IDesignTimeDbContextFactory<OrderingDbContext>
{
    public OrderingDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OrderingDbContext>()
            .UseNpgsql("Host=localhost;Database=orderingdb", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
