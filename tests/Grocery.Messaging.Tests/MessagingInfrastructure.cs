using Grocery.Testing;

[assembly: AssemblyFixture(typeof(Grocery.Messaging.Tests.MessagingInfrastructure))]

namespace Grocery.Messaging.Tests;

/// <summary>
/// One PostgreSQL server and one librdkafka mock cluster for the whole assembly. The mock cluster
/// lives as long as the client that created it, so that client is kept until the end.
/// </summary>
public sealed class MessagingInfrastructure : IAsyncLifetime
{
    private KafkaMockCluster? _kafka;
    private PostgresServer? _postgres;
    private int _databases;

    public const string ExternalKafkaVariable = "GROCERY_TEST_KAFKA";

    public string Kafka { get; private set; } = "";

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        // CI's messaging job names a real broker; everywhere else librdkafka's mock cluster stands in.
        if (Environment.GetEnvironmentVariable(ExternalKafkaVariable) is { Length: > 0 } external)
        {
            Kafka = external;
        }
        else
        {
            _kafka = KafkaMockCluster.Start();
            Kafka = _kafka.BootstrapServers;
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
        _kafka?.Dispose();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
