using Grocery.Firestore.Projection;
using Grocery.Messaging.Storage;
using Microsoft.EntityFrameworkCore;

[assembly: AssemblyFixture(typeof(Grocery.Firestore.Tests.FirestoreInfrastructure))]

namespace Grocery.Firestore.Tests;

/// <summary>One emulator and one PostgreSQL server for the assembly; each test class takes its own project id and database.</summary>
public sealed class FirestoreInfrastructure : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private FirestoreEmulator? _emulator;
    private KafkaMockCluster? _kafka;

    public FirestoreEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    public KafkaMockCluster Kafka => _kafka ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var emulator = FirestoreEmulator.StartAsync();
        _kafka = KafkaMockCluster.Start();
        _postgres = await postgres;
        _emulator = await emulator;
    }

    /// <summary>A fresh database with the projection's checkpoint table.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var connectionString = await _postgres!.CreateDatabaseAsync($"projection_{Guid.NewGuid():N}");
        await using var db = new ProjectionDbContext(new DbContextOptionsBuilder<ProjectionDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.EnsureCreatedAsync();
        return connectionString;
    }

    /// <summary>A fresh database with the messaging tables and the checkpoint, as a service's migrations would make it.</summary>
    public async Task<string> CreateServiceDatabaseAsync()
    {
        var connectionString = await _postgres!.CreateDatabaseAsync($"service_{Guid.NewGuid():N}");
        await using var db = new ServiceDbContext(new DbContextOptionsBuilder<ServiceDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.EnsureCreatedAsync();
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _kafka?.Dispose();
    }
}

/// <summary>Stands in for a service's DbContext: the projection needs only its checkpoint table.</summary>
public sealed class ProjectionDbContext(DbContextOptions<ProjectionDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddFirestoreProjectionTables();
}

/// <summary>A service's DbContext: the messaging tables and the projection's checkpoint.</summary>
public sealed class ServiceDbContext(DbContextOptions<ServiceDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddFirestoreProjectionTables();
    }
}
