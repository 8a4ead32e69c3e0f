using Npgsql;

namespace Grocery.Persistence;

/// <summary>
/// A session-level PostgreSQL advisory lock held on one open connection until disposed, so replicas
/// starting together run a one-time step (migrations, sample data) one after the other.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>Waits as long as it takes: the holder is another replica doing the same step.</summary>
    public static async Task<AdvisoryLock> TakeAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        take.Parameters.AddWithValue("key", key);
        take.CommandTimeout = 0;
        await take.ExecuteNonQueryAsync(cancellationToken);
        return new AdvisoryLock(connection, key);
    }

    public async ValueTask DisposeAsync()
    {
        // A connection that broke took its session, and the lock, with it.
        if (_connection.State != System.Data.ConnectionState.Open) return;
        await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
        release.Parameters.AddWithValue("key", _key);
        await release.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
