using Confluent.Kafka;
using Grocery.Testing;

[assembly: AssemblyFixture(typeof(Grocery.Messaging.Tests.MessagingInfrastructure))]

namespace Grocery.Messaging.Tests;

/// <summary>
/// One PostgreSQL server and one librdkafka mock cluster for the whole assembly. The mock cluster
/// lives as long as the client that created it, so that client is kept until the end.
/// </summary>
public sealed class MessagingInfrastructure : IAsyncLifetime
{
    private IProducer<byte[], byte[]>? _clusterOwner;
    private PostgresServer? _postgres;
    private int _databases;

    public string Kafka { get; private set; } = "";

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var config = new ProducerConfig();
        config.Set("test.mock.num.brokers", "3");
        _clusterOwner = new ProducerBuilder<byte[], byte[]>(config).Build();
        using (var admin = new DependentAdminClientBuilder(_clusterOwner.Handle).Build())
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            Kafka = string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        }
        _postgres = await postgres;
    }

    /// <summary>A fresh, migrated database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var connectionString = await Postgres.CreateDatabaseAsync($"messaging_{Interlocked.Increment(ref _databases)}");
        await TestBus.MigrateAsync(connectionString);
        return connectionString;
    }

    public static string NewTopic() => $"t{Guid.NewGuid():N}"[..13] + ".events";

    public async ValueTask DisposeAsync()
    {
        _clusterOwner?.Dispose();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
