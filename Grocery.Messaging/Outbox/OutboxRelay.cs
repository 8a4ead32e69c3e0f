using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using Grocery.Messaging.Kafka;
using Grocery.Messaging.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging.Outbox;

/// <summary>
/// Publishes outbox rows in id order. Only the replica holding the database's advisory lock relays,
/// so rows with the same key are never published out of order by competing relays. A row is marked
/// published only after the broker acknowledged it.
/// </summary>
internal sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopeFactory,
    EventBusOptions options,
    KafkaProducer producer,
    TimeProvider timeProvider,
    IConfiguration configuration,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    // Arbitrary but fixed: advisory locks are per database, so one lock id serves every service.
    private const long LeaderLockId = 0x4752_4F43_4F42_5831;

    /// <summary>
    /// <c>ConnectionStrings:{database}-direct</c> reaches PostgreSQL around a transaction-mode pooler
    /// (the cluster's PgBouncer), which would hand the leader's session lock and LISTEN to other
    /// clients; without it the leader uses the same connection string as everything else.
    /// </summary>
    public const string DirectConnectionSuffix = "-direct";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;
    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

    public bool IsLeader { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = await GetConnectionStringAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
        // The leader's connection holds its lock and LISTEN for as long as it is open; without a direct connection string
        // it comes from this pool, which must reset it on close.
        await using var dataSource = NpgsqlDataSource.Create(SessionConnectionString(connectionString));
        var directConnectionString = configuration.GetConnectionString(database + DirectConnectionSuffix);
        await using var sessions = string.IsNullOrEmpty(directConnectionString) ? null : NpgsqlDataSource.Create(SessionConnectionString(directConnectionString));
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LeadAsync(sessions ?? dataSource, dataSource, database, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                logger.LogWarning(e, "Outbox relay failed; retrying");
                await Task.Delay(options.RelayRetryDelay(failures), stoppingToken);
            }
            finally
            {
                IsLeader = false;
            }
        }
    }

    /// <summary>The service's pool skips the reset on close (Grocery.Persistence's ServiceConnectionString); a session pool must not.</summary>
    private static string SessionConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString;

    private async Task<string> GetConnectionStringAsync()
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return db.Database.GetConnectionString()
            ?? throw new InvalidOperationException($"{typeof(TDbContext).Name} has no connection string.");
    }

    private async Task LeadAsync(NpgsqlDataSource sessions, NpgsqlDataSource dataSource, string database, CancellationToken stoppingToken)
    {
        await using var leaderConnection = await sessions.OpenConnectionAsync(stoppingToken);
        while (!await TryLockAsync(leaderConnection, stoppingToken))
            await Task.Delay(options.OutboxPollInterval, stoppingToken);

        IsLeader = true;
        logger.LogInformation("Outbox relay is the leader for database {Database}", database);
        await using (var listen = new NpgsqlCommand("LISTEN " + OutboxSql.Channel, leaderConnection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        leaderConnection.Notification += (_, _) => _wake.Writer.TryWrite(true);

        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // The lock lives as long as this session: when the connection breaks, leadership ends.
        var listener = ListenAsync(leaderConnection, leadership);
        try
        {
            await RelayLoopAsync(dataSource, database, leadership.Token);
        }
        finally
        {
            await leadership.CancelAsync();
            try { await listener; } catch (OperationCanceledException) { }
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@id)", connection);
        command.Parameters.AddWithValue("id", LeaderLockId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ListenAsync(NpgsqlConnection connection, CancellationTokenSource leadership)
    {
        try
        {
            while (!leadership.IsCancellationRequested)
                await connection.WaitAsync(leadership.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Outbox relay lost its leader connection");
            await leadership.CancelAsync();
        }
    }

    private async Task RelayLoopAsync(NpgsqlDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var rows = await FetchAsync(dataSource, cancellationToken);
            if (rows.Count > 0)
            {
                FaultInjection.Hit(FaultInjection.RelayBeforePublish);
                var round = await PublishAsync(rows, cancellationToken);
                FaultInjection.Hit(FaultInjection.RelayAfterPublish);
                await MarkAsync(dataSource, round, cancellationToken);
                foreach (var (row, reason) in round.Refused)
                {
                    logger.LogError("Kafka refused outbox event {MessageId} ({EventType}, {Topic}/{Key}): {Reason}. It is parked as a dead letter; " +
                        "later events of the key wait until it is replayed or discarded", row.MessageId, row.EventType, row.Topic, row.PartitionKey, reason);
                }
                if (round.Error is not null)
                {
                    failures++;
                    logger.LogWarning("Outbox relay could not publish: {Error}", round.Error);
                    await Task.Delay(options.RelayRetryDelay(failures), cancellationToken);
                    continue;
                }
                failures = 0;
                if (rows.Count == options.OutboxBatchSize) continue;
            }
            await ReportAndCleanAsync(dataSource, database, cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(options.OutboxPollInterval);
            try { await _wake.Reader.ReadAsync(wait.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
        }
    }

    private async Task<List<OutboxRow>> FetchAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OutboxDeadLetters.Fetch);
        command.Parameters.AddWithValue("limit", options.OutboxBatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return rows;
    }

    // Produced in id order on one idempotent producer: per partition, the broker keeps that order.
    // A row that fails holds back the later rows of its key in the round (they are not produced,
    // or not retried alone), so a key is never published past a gap.
    private async Task<RelayRound> PublishAsync(List<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var round = new RelayRound();
        var stopped = new HashSet<(string Topic, string Key)>();
        var deliveries = new List<(OutboxRow Row, Message<string, byte[]> Message, Task<DeliveryResult<string, byte[]>> Delivery, bool RefusedAtOnce, Activity? Activity)>(rows.Count);
        foreach (var row in rows)
        {
            if (stopped.Contains((row.Topic, row.PartitionKey))) continue;
            var activity = MessagingTelemetry.ActivitySource.StartActivity(
                $"{row.Topic} publish", ActivityKind.Producer, MessagingTelemetry.ParseParent(row.Traceparent));
            activity?.SetTag("messaging.system", "kafka");
            activity?.SetTag("messaging.destination.name", row.Topic);
            activity?.SetTag("messaging.message.id", row.MessageId.ToString());
            var message = ToMessage(row, activity?.Id ?? row.Traceparent);
            var delivery = Produce(row.Topic, message);
            // Complete already: the client refused it before sending (e.g. above message.max.bytes).
            var refusedAtOnce = delivery.IsCompleted;
            if (refusedAtOnce) stopped.Add((row.Topic, row.PartitionKey));
            deliveries.Add((row, message, delivery, refusedAtOnce, activity));
            activity?.Stop();
        }

        // A broker refusal answers a whole batch, so a permanent error that came back from the
        // broker may belong to a neighbour: those rows are sent again one at a time before parking.
        var suspects = new List<(OutboxRow Row, Message<string, byte[]> Message)>();
        foreach (var (row, message, delivery, refusedAtOnce, activity) in deliveries)
        {
            try
            {
                // Unacknowledged rows stay unpublished; stopping must not wait for message.timeout.ms.
                await delivery.WaitAsync(cancellationToken);
                Acknowledged(round, row);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, ProduceRefusal.Describe(e));
                if (!ProduceRefusal.IsPermanent(e)) Failed(round, row, e);
                else if (refusedAtOnce) round.Refused.Add((row, ProduceRefusal.Describe(e)));
                else suspects.Add((row, message));
            }
        }

        var blocked = round.Refused.Select(r => (r.Row.Topic, r.Row.PartitionKey)).Concat(round.Failed.Select(f => (f.Topic, f.PartitionKey))).ToHashSet();
        foreach (var (row, message) in suspects)
        {
            if (blocked.Contains((row.Topic, row.PartitionKey))) continue;
            try
            {
                await Produce(row.Topic, message).WaitAsync(cancellationToken);
                Acknowledged(round, row);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                blocked.Add((row.Topic, row.PartitionKey));
                if (ProduceRefusal.IsPermanent(e)) round.Refused.Add((row, ProduceRefusal.Describe(e)));
                else Failed(round, row, e);
            }
        }
        MessagingTelemetry.Published.Add(round.Published.Count);
        return round;
    }

    private Task<DeliveryResult<string, byte[]>> Produce(string topic, Message<string, byte[]> message)
    {
        try
        {
            return producer.Producer.ProduceAsync(topic, message);
        }
        catch (Exception e)
        {
            return Task.FromException<DeliveryResult<string, byte[]>>(e);
        }
    }

    private static Message<string, byte[]> ToMessage(OutboxRow row, string? traceparent)
    {
        var headers = new Headers
        {
            { "ce_id", Encoding.UTF8.GetBytes(row.MessageId.ToString()) },
            { "ce_type", Encoding.UTF8.GetBytes(row.EventType) },
            { "content-type", "application/cloudevents+json"u8.ToArray() },
        };
        if (traceparent is not null) headers.Add("traceparent", Encoding.UTF8.GetBytes(traceparent));
        return new Message<string, byte[]> { Key = row.PartitionKey, Value = Encoding.UTF8.GetBytes(row.Payload), Headers = headers };
    }

    private void Acknowledged(RelayRound round, OutboxRow row)
    {
        round.Published.Add(row.Id);
        MessagingTelemetry.PublishLatency.Record((timeProvider.GetUtcNow() - row.CreatedAt).TotalSeconds,
            new KeyValuePair<string, object?>("topic", row.Topic));
    }

    private static void Failed(RelayRound round, OutboxRow row, Exception e)
    {
        round.Failed.Add(row);
        round.Error ??= $"{row.Topic}/{row.PartitionKey}: {ProduceRefusal.Describe(e)}";
    }

    private static async Task MarkAsync(NpgsqlDataSource dataSource, RelayRound round, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        if (round.Published.Count > 0)
        {
            var mark = new NpgsqlBatchCommand("UPDATE messaging.outbox_messages SET published_at = now() WHERE id = ANY(@ids)");
            mark.Parameters.AddWithValue("ids", round.Published.ToArray());
            batch.BatchCommands.Add(mark);
        }
        var attempts = round.Failed.Select(r => (r.Id, Error: round.Error!)).Concat(round.Refused.Select(r => (r.Row.Id, Error: r.Reason))).ToArray();
        if (attempts.Length > 0)
        {
            var record = new NpgsqlBatchCommand("""
                UPDATE messaging.outbox_messages o SET attempts = o.attempts + 1, last_error = r.error
                FROM unnest(@ids, @errors) AS r(id, error) WHERE o.id = r.id
                """);
            record.Parameters.AddWithValue("ids", attempts.Select(a => a.Id).ToArray());
            record.Parameters.AddWithValue("errors", attempts.Select(a => a.Error).ToArray());
            batch.BatchCommands.Add(record);
        }
        if (round.Refused.Count > 0)
        {
            var park = new NpgsqlBatchCommand(OutboxDeadLetters.Park);
            park.Parameters.AddWithValue("ids", round.Refused.Select(r => r.Row.Id).ToArray());
            park.Parameters.AddWithValue("errors", round.Refused.Select(r => r.Reason).ToArray());
            batch.BatchCommands.Add(park);
        }
        // One round trip, one implicit transaction: a row is never parked without its attempt counted.
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ReportAndCleanAsync(NpgsqlDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now - _lastReport < TimeSpan.FromSeconds(1)) return;
        _lastReport = now;
        // Parked rows wait for ops, not for the relay: they are counted apart so the backlog's age
        // keeps measuring the relay (the dead letter is the alarm for them).
        await using (var command = dataSource.CreateCommand($"""
            SELECT count(*) FILTER (WHERE NOT held), min(created_at) FILTER (WHERE NOT held), count(*) FILTER (WHERE held)
            FROM (SELECT o.created_at, {OutboxDeadLetters.Holds} AS held FROM messaging.outbox_messages o WHERE o.published_at IS NULL) AS unpublished
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var backlog = reader.GetInt64(0);
            var age = reader.IsDBNull(1) ? 0 : (timeProvider.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds;
            MessagingTelemetry.ReportOutbox(database, backlog, age, parked: reader.GetInt64(2));
        }

        if (now - _lastCleanup < TimeSpan.FromMinutes(10)) return;
        _lastCleanup = now;
        await using var cleanup = dataSource.CreateBatch();
        var outbox = new NpgsqlBatchCommand("DELETE FROM messaging.outbox_messages WHERE published_at < @before");
        outbox.Parameters.AddWithValue("before", now - options.OutboxRetention);
        var inbox = new NpgsqlBatchCommand("DELETE FROM messaging.inbox_messages WHERE processed_at < @before");
        inbox.Parameters.AddWithValue("before", now - options.InboxRetention);
        cleanup.BatchCommands.Add(outbox);
        cleanup.BatchCommands.Add(inbox);
        await cleanup.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class RelayRound
    {
        public List<long> Published { get; } = [];

        /// <summary>Refused for good: parked.</summary>
        public List<(OutboxRow Row, string Reason)> Refused { get; } = [];

        /// <summary>Failed for now: retried after the back-off.</summary>
        public List<OutboxRow> Failed { get; } = [];

        public string? Error { get; set; }
    }

    private sealed record OutboxRow(long Id, Guid MessageId, string Topic, string PartitionKey, string EventType, string Payload, string? Traceparent, DateTimeOffset CreatedAt);
}
