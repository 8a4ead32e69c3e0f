using Grocery.Persistence;
using Grocery.Testing;
using Npgsql;

namespace Grocery.Architecture.Tests;

/// <summary>
/// A service's pooled connections keep their session (and PostgreSQL's plans cached in it) when they go back to the
/// pool; connections for session state (LISTEN, leader locks) are reset, so the next user never inherits that state.
/// </summary>
public sealed class PooledConnectionResetTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private PostgresServer _postgres = null!;

    public async ValueTask InitializeAsync() => _postgres = await PostgresServer.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task A_service_connection_keeps_its_session_in_the_pool() =>
        Assert.Equal("kept", await SettingAfterReuseAsync(DatabaseExtensions.ServiceConnectionString(OnePooledConnection())!));

    [Fact]
    public async Task A_session_connection_is_reset_before_its_next_use() =>
        Assert.Equal("", await SettingAfterReuseAsync(DatabaseExtensions.SessionConnectionString(OnePooledConnection())));

    // One connection in the pool, so the second open gets the session the first one used.
    private string OnePooledConnection() =>
        new NpgsqlConnectionStringBuilder(_postgres.ConnectionString()) { MaxPoolSize = 1 }.ConnectionString;

    private static async Task<string> SettingAfterReuseAsync(string connectionString)
    {
        int firstSession;
        await using (var first = new NpgsqlConnection(connectionString))
        {
            await first.OpenAsync(Ct);
            await using var set = new NpgsqlCommand("SELECT pg_backend_pid(), set_config('grocery.marker', 'kept', false)", first);
            await using var reader = await set.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            firstSession = reader.GetInt32(0);
        }

        await using var second = new NpgsqlConnection(connectionString);
        await second.OpenAsync(Ct);
        await using var read = new NpgsqlCommand("SELECT pg_backend_pid(), coalesce(current_setting('grocery.marker', true), '')", second);
        await using var result = await read.ExecuteReaderAsync(Ct);
        await result.ReadAsync(Ct);
        Assert.Equal(firstSession, result.GetInt32(0));
        return result.GetString(1);
    }
}
