using System.Data.Common;
using System.Text;
using Grocery.Messaging.Consuming;
using Grocery.Messaging.Kafka;
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
    private const string SummaryColumns = """
        d.id, d.topic, d."partition", d."offset", d.partition_key, d.message_id, d.event_type, d.error, d.attempts, d.status,
        d.dead_lettered_at, d.resolved_at,
        (SELECT count(*) FROM messaging.parked_messages p WHERE p.consumer_group = d.consumer_group AND p.topic = d.topic AND p.partition_key = d.partition_key AND d.status = 0)::int,
        d.payload
        """;

    private string Group => options.EffectiveConsumerGroup;

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(DeadLetterStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = MessagingStore.Command(db, $"""
            SELECT {SummaryColumns} FROM messaging.dead_letters d
            WHERE d.consumer_group = @group AND (@status IS NULL OR d.status = @status)
            ORDER BY d.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("group", Group);
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
        await using var command = MessagingStore.Command(db, $"SELECT {SummaryColumns} FROM messaging.dead_letters d WHERE d.consumer_group = @group AND d.id = @id");
        command.Parameters.AddWithValue("group", Group);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new DeadLetterDetails(ReadSummary(reader), reader.GetString(13)) : null;
    }

    public async Task<IReadOnlyList<ParkedKey>> ListParkedKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = MessagingStore.Command(db, """
            SELECT d.topic, d.partition_key, min(d.id), count(p.id)::int, min(d.dead_lettered_at)
            FROM messaging.dead_letters d
            LEFT JOIN messaging.parked_messages p ON p.consumer_group = d.consumer_group AND p.topic = d.topic AND p.partition_key = d.partition_key
            WHERE d.consumer_group = @group AND d.status = 0
            GROUP BY d.topic, d.partition_key
            ORDER BY min(d.id)
            """);
        command.Parameters.AddWithValue("group", Group);
        var result = new List<ParkedKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new ParkedKey(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4)));
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

    private async Task<(IncomingMessage Message, int Attempts, DeadLetterStatus Status)?> LockDeadLetterAsync(TDbContext db, long id, CancellationToken cancellationToken)
    {
        await using var command = MessagingStore.Command(db, """
            SELECT topic, "partition", "offset", partition_key, payload, attempts, status
            FROM messaging.dead_letters WHERE id = @id AND consumer_group = @group FOR UPDATE
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("group", Group);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return (Stored(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4)),
            reader.GetInt32(5), (DeadLetterStatus)reader.GetInt32(6));
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
        reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.GetInt32(12));
}
