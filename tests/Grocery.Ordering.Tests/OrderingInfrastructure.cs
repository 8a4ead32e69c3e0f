using Grocery.Testing;

[assembly: AssemblyFixture(typeof(Grocery.Ordering.Tests.OrderingInfrastructure))]

namespace Grocery.Ordering.Tests;

/// <summary>
/// One PostgreSQL, one Redis, one librdkafka mock cluster, one token issuer and the HTTP fakes of
/// Catalog, Delivery and Identity's profile API for the whole assembly. The mock cluster lives as long as its creating client.
/// </summary>
public sealed class OrderingInfrastructure : IAsyncLifetime
{
    private KafkaMockCluster? _kafka;
    private PostgresServer? _postgres;
    private RedisServer? _redis;
    private TestIdentityServer? _identity;
    private int _databases;

    public string Kafka { get; private set; } = "";

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public RedisServer Redis => _redis ?? throw new InvalidOperationException("Not started.");

    public TestIdentityServer Identity => _identity ?? throw new InvalidOperationException("Not started.");

    public FakeCatalog Catalog { get; } = new();

    public FakeDelivery Delivery { get; } = new();

    public FakeIdentity IdentityProfiles { get; } = new();
    public FakeInventory Inventory { get; } = new();

    public FakeStripe Stripe { get; } = new();

    public KafkaPeers Peers { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        var redis = RedisServer.StartAsync();
        var identity = TestIdentityServer.StartAsync();
        _kafka = KafkaMockCluster.Start();
        Kafka = _kafka.BootstrapServers;
        Peers = KafkaPeers.Start(Kafka);
        _postgres = await postgres;
        _redis = await redis;
        _identity = await identity;
    }

    private readonly SemaphoreSlim _sharedLock = new(1, 1);
    private OrderingApp? _shared;

    /// <summary>One Ordering instance for the tests that do not restart it.</summary>
    public async Task<OrderingApp> SharedAppAsync()
    {
        await _sharedLock.WaitAsync();
        try
        {
            return _shared ??= await OrderingApp.StartAsync(this);
        }
        finally
        {
            _sharedLock.Release();
        }
    }

    public Task<string> NewDatabaseAsync() => Postgres.CreateDatabaseAsync($"ordering_{Interlocked.Increment(ref _databases)}");

    public async ValueTask DisposeAsync()
    {
        if (_shared is not null) await _shared.DisposeAsync();
        Peers?.Dispose();
        Catalog.Dispose();
        Delivery.Dispose();
        IdentityProfiles.Dispose();
        Inventory.Dispose();
        Stripe.Dispose();
        _kafka?.Dispose();
        if (_identity is not null) await _identity.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
