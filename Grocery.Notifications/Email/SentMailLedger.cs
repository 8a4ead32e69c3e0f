using Npgsql;

namespace Grocery.Notifications.Email;

/// <summary>
/// Remembers accepted mails on a connection of its own, outside the handler's transaction, so a
/// handler that runs again after its transaction rolled back does not send the same mail twice.
/// The one gap left is a crash between the relay's answer and this insert.
/// </summary>
internal sealed class SentMailLedger(NotificationsDataSource dataSource, TimeProvider time)
{
    public async Task<bool> WasSentAsync(string deliveryKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.Source.CreateCommand(
            $"SELECT EXISTS (SELECT 1 FROM {NotificationsDbContext.Schema}.sent_mails WHERE delivery_key = $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = deliveryKey });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task RecordAsync(string deliveryKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.Source.CreateCommand(
            $"INSERT INTO {NotificationsDbContext.Schema}.sent_mails (delivery_key, sent_at) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = deliveryKey });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        // The mail is gone already: a lost insert must not fail the handler and send it again.
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}

/// <summary>The service database outside EF Core, for writes that must not join the handler's transaction.</summary>
internal sealed class NotificationsDataSource(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
