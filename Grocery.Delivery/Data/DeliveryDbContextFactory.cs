using Microsoft.EntityFrameworkCore.Design;

namespace Grocery.Delivery.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service or reaching a database.</summary>
internal sealed class DeliveryDbContextFactory : IDesignTimeDbContextFactory<DeliveryDbContext>
{
    public DeliveryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DeliveryDbContext>()
            .UseNpgsql("Host=localhost;Database=deliverydb", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
