using Microsoft.EntityFrameworkCore.Design;

namespace Grocery.Inventory.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the service or reaching a database.</summary>
internal sealed class InventoryDbContextFactory : IDesignTimeDbContextFactory<InventoryDbContext>
{
    public InventoryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InventoryDbContext>()
            .UseNpgsql("Host=localhost;Database=inventorydb", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
