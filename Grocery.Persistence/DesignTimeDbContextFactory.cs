using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Grocery.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build a service's model without starting the service or reaching a database.
/// dotnet ef looks for factories only in the service's own assembly, so each service declares a
/// one-line subclass naming its database.
/// </summary>
public abstract class DesignTimeDbContextFactory<TContext>(string database) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => Create($"Host=localhost;Database={database}");

    /// <summary>The context as the service configures it (same migrations history table), on any database.</summary>
    public static TContext Create(string connectionString) =>
        (TContext)Activator.CreateInstance(typeof(TContext), new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(DatabaseExtensions.MigrationsHistoryTable))
            .Options)!;
}
