using Grocery.Persistence;
using Grocery.Testing;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Architecture.Tests;

/// <summary>
/// Each service starts from one migration, squashed from the chain it replaced; later migrations go
/// after it. The expected dumps in Schemas/ were taken from databases built by the old chains, so the
/// squash is shown to create the same tables, indexes, functions, triggers and extensions; a later
/// migration updates its service's dump with what it adds.
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

    /// <summary>The squashed migration of each service; new migrations go after it (docs/development.md).</summary>
    private static readonly Dictionary<string, string> Squashed = new()
    {
        ["inventory"] = "20261126165216_Initial",
        ["delivery"] = "20261126162230_Delivery",
        ["ordering"] = "20261126162633_Ordering",
        ["catalog"] = "20261126161405_Catalog",
        ["identity"] = "20261126165205_Initial",
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void The_service_starts_from_its_one_squashed_migration_and_later_ones_follow_it(string service)
    {
        using var db = Contexts[service]("Host=localhost;Database=unused");
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal(Squashed[service], migrations[0]);
        Assert.All(migrations.Skip(1), m => Assert.True(string.CompareOrdinal(m, Squashed[service]) > 0, $"{m} is older than the squash."));
    }
}

public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
