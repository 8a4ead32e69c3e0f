using Grocery.Persistence;
using Grocery.Testing;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Architecture.Tests;

/// <summary>
/// Each service has one migration, squashed from the chain it replaced. The expected dumps in
/// Schemas/ were taken from databases built by the old chains, so the squash is shown to create the
/// same tables, indexes, functions, triggers and extensions.
/// </summary>
public sealed class MigrationSchemaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public static TheoryData<string> Services => new(Contexts.Keys);

    private static readonly Dictionary<string, Func<string, DbContext>> Contexts = new()
    {
        ["inventory"] = DesignTimeDbContextFactory<Grocery.Inventory.Data.InventoryDbContext>.Create,
        ["delivery"] = DesignTimeDbContextFactory<Grocery.Delivery.Data.DeliveryDbContext>.Create,
        ["ordering"] = DesignTimeDbContextFactory<Grocery.Ordering.Data.OrderingDbContext>.Create,
        ["catalog"] = DesignTimeDbContextFactory<Grocery.Catalog.Data.CatalogDbContext>.Create,
        ["identity"] = DesignTimeDbContextFactory<Grocery.Identity.Data.IdentityDbContext>.Create,
    };


    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_migration_creates_the_schema_the_old_migration_chain_created(string service)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = $"{service}_schema";
        await using (var db = Contexts[service](await postgres.Server.CreateDatabaseAsync(database, ct)))
            await db.Database.MigrateAsync(ct);

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", $"{service}.sql"), ct);
        Assert.Equal(expected, await SchemaDump.OfAsync(postgres.Server, database, ct));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_model_has_no_changes_the_migration_lacks(string service)
    {
        using var db = Contexts[service]("Host=localhost;Database=unused");
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_service_has_exactly_one_migration(string service)
    {
        using var db = Contexts[service]("Host=localhost;Database=unused");
        Assert.Single(db.Database.GetMigrations());
    }
}

public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
