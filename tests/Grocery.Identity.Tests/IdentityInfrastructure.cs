using Microsoft.EntityFrameworkCore;

[assembly: AssemblyFixture(typeof(Grocery.Identity.Tests.IdentityInfrastructure))]

namespace Grocery.Identity.Tests;

/// <summary>
/// One PostgreSQL server, one Redis server and one librdkafka mock cluster for the assembly. The
/// mock cluster lives as long as the client that created it, so that client is kept to the end.
/// </summary>
public sealed class IdentityInfrastructure : IAsyncLifetime
{
    private KafkaMockCluster? _kafka;
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private int _databases;

    public string Kafka { get; private set; } = "";

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        _kafka = KafkaMockCluster.Start(brokers: 1);
        Kafka = _kafka.BootstrapServers;
        _postgres = await postgres;
        _redis = await redis;
    }

    /// <summary>A fresh, migrated identity database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var connectionString = await Postgres.CreateDatabaseAsync($"identity_{Interlocked.Increment(ref _databases)}");
        await using var db = new Data.IdentityDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Data.IdentityDbContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        _kafka?.Dispose();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
