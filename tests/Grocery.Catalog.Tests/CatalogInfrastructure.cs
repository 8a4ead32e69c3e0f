using Grocery.Catalog.Importing;
using Grocery.Catalog.SampleData;
using Grocery.Testing;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(Grocery.Catalog.Tests.CatalogInfrastructure))]

namespace Grocery.Catalog.Tests;

/// <summary>
/// One PostgreSQL, one Redis, one Kafka mock cluster and one token issuer for the assembly, and a
/// shared catalog (migrated, 3,000 generated SKUs) that read-only tests use. Tests that write use
/// products and categories of their own, so they never disturb each other's assertions.
/// </summary>
public sealed class CatalogInfrastructure : IAsyncLifetime
{
    public const int SampleSize = 3_000;

    private KafkaMockCluster? _kafka;
    private int _databases;

    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public TestIdentityServer Identity { get; private set; } = null!;
    public string Kafka { get; private set; } = "";
    public string Database { get; private set; } = "";
    public CatalogApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        var identity = TestIdentityServer.StartAsync();
        _kafka = KafkaMockCluster.Start();
        Kafka = _kafka.BootstrapServers;
        Postgres = await postgres;
        Redis = await redis;
        Identity = await identity;
        Database = await NewDatabaseAsync();
        App = new CatalogApp(Database, Redis.ConnectionString, Kafka, Identity.ServiceConfiguration);
        await using var scope = App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ProductImporter>()
            .ImportAsync(CatalogGenerator.Generate(SampleSize), publishEvents: false, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Take(3)));
    }

    /// <summary>A fresh database with the catalog's migrations applied.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var connectionString = await Postgres.CreateDatabaseAsync($"catalog_{Interlocked.Increment(ref _databases)}");
        await using var db = new CatalogDbContext(new DbContextOptionsBuilder<CatalogDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    public HttpClient Client(params string[] roles)
    {
        var client = App.CreateClient();
        if (roles.Length > 0)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Identity.CreateToken("manager-1", roles));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _kafka?.Dispose();
        await Identity.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
