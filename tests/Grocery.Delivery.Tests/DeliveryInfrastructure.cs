namespace Grocery.Delivery.Tests;

/// <summary>One PostgreSQL server and one token issuer for the whole assembly; each app gets its own database.</summary>
public sealed class DeliveryInfrastructure : IAsyncLifetime
{
    private static int _databases;
    private PostgresServer? _postgres;

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("Not started.");

    public TestIdentityServer Identity { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = PostgresServer.StartAsync();
        Identity = await TestIdentityServer.StartAsync();
        _postgres = await postgres;
    }

    public Task<string> NewDatabaseAsync() => Postgres.CreateDatabaseAsync($"delivery_{Interlocked.Increment(ref _databases)}");

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (Identity is not null) await Identity.DisposeAsync();
    }
}
