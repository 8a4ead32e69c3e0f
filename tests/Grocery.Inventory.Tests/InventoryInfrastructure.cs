using Confluent.Kafka;
using Grocery.Testing;

[assembly: AssemblyFixture(typeof(Grocery.Inventory.Tests.InventoryInfrastructure))]
// One Inventory host with a fake clock serves every test; tests that move the clock must not overlap others.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Grocery.Inventory.Tests;

/// <summary>
/// One PostgreSQL server, one librdkafka mock cluster (alive as long as the client that created it),
/// one token issuer and one in-process Inventory service for the whole assembly.
/// </summary>
public sealed class InventoryInfrastructure : IAsyncLifetime
{
    private IProducer<byte[], byte[]>? _clusterOwner;
    private PostgresServer? _postgres;
    private TestIdentityServer? _identity;
    private InventoryApp? _app;

    public InventoryApp App => _app ?? throw new InvalidOperationException("Not started.");

    public TestIdentityServer Identity => _identity ?? throw new InvalidOperationException("Not started.");

    public string DatabaseConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var identity = TestIdentityServer.StartAsync();
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", "3");
        _clusterOwner = new ProducerBuilder<byte[], byte[]>(config).Build();
        string kafka;
        using (var admin = new DependentAdminClientBuilder(_clusterOwner.Handle).Build())
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            kafka = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        }
        _postgres = await postgres;
        _identity = await identity;
        DatabaseConnectionString = await _postgres.CreateDatabaseAsync("inventory");
        _app = new InventoryApp(DatabaseConnectionString, kafka, _identity.ServiceConfiguration);
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            // The service's log, for diagnosing a failed run.
            await File.WriteAllLinesAsync(Path.Combine(Path.GetTempPath(), "grocery-inventory-tests.log"), _app.Logs);
            await _app.DisposeAsync();
        }
        _clusterOwner?.Dispose();
        if (_identity is not null) await _identity.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
