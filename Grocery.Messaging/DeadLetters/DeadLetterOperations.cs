using System.Data.Common;
using System.Text;
using Grocery.Messaging.Consuming;
using Grocery.Messaging.Kafka;
using Grocery.Messaging.Outbox;
using Grocery.Messaging.Storage;
using Grocery.Messaging.Telemetry;

namespace Grocery.Messaging.DeadLetters;

internal sealed class DeadLetterOperations<TDbContext>(
    IServiceScopeFactory scopeFactory,
    MessageDispatcher dispatcher,
    EventBusOptions options,
    KafkaProducer producer,
    ILogger<DeadLetterOperations<TDbContext>> logger) : IDeadLetterOperations
    where TDbContext : DbContext
{
    private const string SummaryColumns = $"""
        d.id, d.topic, d."partition", d."offset", d.partition_key, d.message_id, d.event_type, d.error, d.attempts, d.status,
        d.dead_lettered_at, d.resolved_at,
        CASE WHEN d.status <> 0 THEN 0
             WHEN d.consumer_group = '{OutboxDeadLetters.Group}' THEN {OutboxDeadLetters.HeldBehind}
             ELSE (SELECT count(*) FROM messaging.parked_messages p WHERE p.consumer_group = d.consumer_group AND p.topic = d.topic AND p.partition_key = d.partition_key)::int
        END,
        d.consumer_group = '{OutboxDeadLetters.Group}',
        d.payload
        """;

    // This service's consumer dead letters and its outbox's: one database, one ops view.
    private string[] Groups => [Group, OutboxDeadLetters.Group];

    private string Group => options.EffectiveConsumerGroup;

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(DeadLetterStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = MessagingStore.Command(db, $"""
            SELECT {SummaryColumns} FROM messaging.dead_letters d
            WHERE d.consumer_group = ANY(@groups) AND (@status IS NULL OR d.status = @status)
            ORDER BY d.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("groups", Groups);
        command.Parameters.Add(new NpgsqlParameter<int?>("status", status is null ? null : (int)status.Value));
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 1000));
        var result = new List<DeadLetterSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) result.Add(ReadSummary(reader));
        return result;
    }

    public async Task<DeadLetterDetails?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = MessagingStore.Command(db, $"SELECT {SummaryColumns} FROM messaging.dead_letters d WHERE d.consumer_group = ANY(@groups) AND d.id = @id");
        command.Parameters.AddWithValue("groups", Groups);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new DeadLetterDetails(ReadSummary(reader), reader.GetString(14)) : null;
    }

    public async Task<IReadOnlyList<ParkedKey>> ListParkedKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = MessagingStore.Command(db, $"""
            SELECT d.topic, d.partition_key, min(d.id), count(p.id)::int, min(d.dead_lettered_at), false
            FROM messaging.dead_letters d
            LEFT JOIN messaging.parked_messages p ON p.consumer_group = d.consumer_group AND p.topic = d.topic AND p.partition_key = d.partition_key
            WHERE d.consumer_group = @group AND d.status = 0
            GROUP BY d.topic, d.partition_key
            UNION ALL
            SELECT d.topic, d.partition_key, d.id, {OutboxDeadLetters.HeldBehind}, d.dead_lettered_at, true
            FROM messaging.dead_letters d
            WHERE d.consumer_group = '{OutboxDeadLetters.Group}' AND d.status = 0
            ORDER BY 3
            """);
        command.Parameters.AddWithValue("group", Group);
        var result = new List<ParkedKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ParkedKey(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetBoolean(5) ? DeadLetterSource.Outbox : DeadLetterSource.Consumer));
        }
        return result;
    }

    public Task<ResolveResult> ReplayAsync(long id, CancellationToken cancellationToken) => ResolveAsync(id, replay: true, cancellationToken);

    public Task<ResolveResult> DiscardAsync(long id, CancellationToken cancellationToken) => ResolveAsync(id, replay: false, cancellationToken);

    // The dead letter stays locked (FOR UPDATE) until its parked messages are drained, so the
    // consumer cannot park a new message for the key behind a dead letter that is being resolved.
    private async Task<ResolveResult> ResolveAsync(long id, bool replay, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        var newDeadLetter = (IncomingMessage?)null;
        var result = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            newDeadLetter = null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var deadLetter = await LockDeadLetterAsync(db, id, ct);
            if (deadLetter is null) return new ResolveResult(ResolveStatus.NotFound, id);
            if (deadLetter.Value.Status != DeadLetterStatus.Pending) return new ResolveResult(ResolveStatus.AlreadyResolved, id);
            if (deadLetter.Value.Source == DeadLetterSource.Outbox)
            {
                var requeued = await ResolveOutboxAsync(db, id, deadLetter.Value.Message, deadLetter.Value.MessageId, replay, ct);
                if (requeued.Status == ResolveStatus.Resolved) await transaction.CommitAsync(ct);
                return requeued;
            }
            var (message, attempts) = (deadLetter.Value.Message, deadLetter.Value.Attempts);

            if (replay)
            {
                await transaction.CreateSavepointAsync("dead_letter", ct);
                var error = await TryHandleAsync(scope.ServiceProvider, db, message, attempts + 1, ct);
                if (error is not null)
                {
                    await transaction.RollbackToSavepointAsync("dead_letter", ct);
                    db.ChangeTracker.Clear();
                    await using var fail = MessagingStore.Command(db, "UPDATE messaging.dead_letters SET attempts = attempts + 1, error = @error WHERE id = @id");
                    fail.Parameters.AddWithValue("error", error);
                    fail.Parameters.AddWithValue("id", id);
                    await fail.ExecuteNonQueryAsync(ct);
                    await transaction.CommitAsync(ct);
                    return new ResolveResult(ResolveStatus.Failed, id, Error: error);
                }
            }
            await using (var resolve = MessagingStore.Command(db, "UPDATE messaging.dead_letters SET status = @status, resolved_at = now() WHERE id = @id"))
            {
                resolve.Parameters.AddWithValue("status", (int)(replay ? DeadLetterStatus.Replayed : DeadLetterStatus.Discarded));
                resolve.Parameters.AddWithValue("id", id);
                await resolve.ExecuteNonQueryAsync(ct);
            }

            var processed = 0;
            long? newDeadLetterId = null;
            foreach (var (parkedId, parked) in await LoadParkedAsync(db, message.Topic, message.Key, ct))
            {
                await transaction.CreateSavepointAsync("parked", ct);
                var error = await TryHandleAsync(scope.ServiceProvider, db, parked, 1, ct);
                if (error is not null)
                {
                    await transaction.RollbackToSavepointAsync("parked", ct);
                    db.ChangeTracker.Clear();
                    newDeadLetterId = await MessagingStore.InsertDeadLetterAsync(db, Group, dispatcher.Parse(parked), error, 1, ct);
                    newDeadLetter = parked;
                }
                await using (var delete = MessagingStore.Command(db, "DELETE FROM messaging.parked_messages WHERE id = @id"))
                {
                    delete.Parameters.AddWithValue("id", parkedId);
                    await delete.ExecuteNonQueryAsync(ct);
                }
                if (newDeadLetterId is not null) break;
                processed++;
            }
            await transaction.CommitAsync(ct);
            return new ResolveResult(ResolveStatus.Resolved, id, processed, newDeadLetterId);
        }, cancellationToken);

        if (newDeadLetter is not null)
        {
            MessagingTelemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("topic", newDeadLetter.Topic));
            try
            {
                await MessageProcessor<TDbContext>.PublishDeadLetterAsync(producer, newDeadLetter, Group, result.Error ?? "failed after replay", cancellationToken);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Dead letter {Id} is stored but could not be copied to the dead-letter topic", result.NewDeadLetterId);
            }
        }
        if (result.Status == ResolveStatus.Resolved)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            MessagingTelemetry.ReportParkedKeys(Group, await MessagingStore.CountBlockedKeysAsync(db, Group, cancellationToken));
            logger.LogInformation("Dead letter {Id} {Action}; {Count} parked message(s) handled", id, replay ? "replayed" : "discarded", result.ParkedProcessed);
        }
        return result;
    }

    /// <returns>null when handled (or already handled), else the error.</returns>
    private async Task<string?> TryHandleAsync(IServiceProvider services, TDbContext db, IncomingMessage message, int attempt, CancellationToken cancellationToken)
    {
        var parsed = dispatcher.Parse(message);
        if (parsed.Outcome == ParseOutcome.Invalid) return parsed.Error;
        if (parsed.Outcome == ParseOutcome.NotSubscribed) return null;
        if (await MessagingStore.IsHandledAsync(db, Group, parsed.MessageId, cancellationToken)) return null;
        try
        {
            await dispatcher.InvokeAsync(services, parsed, attempt, replay: true, cancellationToken);
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(cancellationToken);
            await MessagingStore.InsertInboxAsync(db, Group, [parsed], cancellationToken);
            return null;
        }
        catch (HandlerFailedException e)
        {
            return e.InnerException?.ToString() ?? e.Message;
        }
        catch (DbUpdateException e)
        {
            return e.ToString();
        }
    }

    private async Task<(IncomingMessage Message, int Attempts, DeadLetterStatus Status, DeadLetterSource Source, string MessageId)?> LockDeadLetterAsync(
        TDbContext db, long id, CancellationToken cancellationToken)
    {
        await using var command = MessagingStore.Command(db, $"""
            SELECT topic, "partition", "offset", partition_key, payload, attempts, status, consumer_group = '{OutboxDeadLetters.Group}', message_id
            FROM messaging.dead_letters WHERE id = @id AND consumer_group = ANY(@groups) FOR UPDATE
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("groups", Groups);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (Stored(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4)),
            reader.GetInt32(5), (DeadLetterStatus)reader.GetInt32(6), reader.GetBoolean(7) ? DeadLetterSource.Outbox : DeadLetterSource.Consumer,
            reader.GetString(8));
    }

    // The outbox row never left the database: replay only lifts the hold on its key (the relay
    // publishes it first, its id being the key's lowest), discard deletes it. NOTIFY wakes the
    // relay when the transaction commits.
    private static async Task<ResolveResult> ResolveOutboxAsync(TDbContext db, long id, IncomingMessage message, string messageId, bool replay, CancellationToken cancellationToken)
    {
        var outboxId = message.Offset;
        await using (var row = MessagingStore.Command(db, replay
            ? "SELECT 1 FROM messaging.outbox_messages WHERE id = @row AND message_id::text = @message AND published_at IS NULL"
            : "DELETE FROM messaging.outbox_messages WHERE id = @row AND message_id::text = @message AND published_at IS NULL RETURNING 1"))
        {
            row.Parameters.AddWithValue("row", outboxId);
            row.Parameters.AddWithValue("message", messageId);
            if (await row.ExecuteScalarAsync(cancellationToken) is null && replay)
                return new ResolveResult(ResolveStatus.Failed, id, Error: $"Outbox row {outboxId} of message {messageId} is no longer waiting to be published.");
        }
        await using (var resolve = MessagingStore.Command(db, "UPDATE messaging.dead_letters SET status = @status, resolved_at = now() WHERE id = @id"))
        {
            resolve.Parameters.AddWithValue("status", (int)(replay ? DeadLetterStatus.Replayed : DeadLetterStatus.Discarded));
            resolve.Parameters.AddWithValue("id", id);
            await resolve.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var released = MessagingStore.Command(db, $"""
            SELECT count(*)::int FROM messaging.outbox_messages o
            WHERE o.published_at IS NULL AND o.topic = @topic AND o.partition_key = @key AND o.id <> @row;
            {OutboxSql.Notify}
            """);
        released.Parameters.AddWithValue("topic", message.Topic);
        released.Parameters.AddWithValue("key", message.Key);
        released.Parameters.AddWithValue("row", outboxId);
        var heldBehind = (int)(await released.ExecuteScalarAsync(cancellationToken))!;
        return new ResolveResult(ResolveStatus.Resolved, id, heldBehind);
    }

    private async Task<List<(long Id, IncomingMessage Message)>> LoadParkedAsync(TDbContext db, string topic, string key, CancellationToken cancellationToken)
    {
        await using var command = MessagingStore.Command(db, """
            SELECT id, "partition", "offset", payload FROM messaging.parked_messages
            WHERE consumer_group = @group AND topic = @topic AND partition_key = @key ORDER BY id
            """);
        command.Parameters.AddWithValue("group", Group);
        command.Parameters.AddWithValue("topic", topic);
        command.Parameters.AddWithValue("key", key);
        var result = new List<(long, IncomingMessage)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add((reader.GetInt64(0), Stored(topic, reader.GetInt32(1), reader.GetInt64(2), key, reader.GetString(3))));
        return result;
    }

    private static IncomingMessage Stored(string topic, int partition, long offset, string key, string payload) =>
        new(topic, partition, offset, key, Encoding.UTF8.GetBytes(payload), Traceparent: null);

    private static DeadLetterSummary ReadSummary(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), reader.GetInt32(8), (DeadLetterStatus)reader.GetInt32(9),
        reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.GetInt32(12),
        reader.GetBoolean(13) ? DeadLetterSource.Outbox : DeadLetterSource.Consumer);
}
