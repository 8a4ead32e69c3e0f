using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using Grocery.Messaging.Kafka;
using Grocery.Messaging.Telemetry;
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
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    // Arbitrary but fixed: advisory locks are per database, so one lock id serves every service.
    private const long LeaderLockId = 0x4752_4F43_4F42_5831;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;
    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

    public bool IsLeader { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = await GetConnectionStringAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LeadAsync(dataSource, database, stoppingToken);
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
                await Task.Delay(options.RetryDelay(failures), stoppingToken);
            }
            finally
            {
                IsLeader = false;
            }
        }
    }

    private async Task<string> GetConnectionStringAsync()
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return db.Database.GetConnectionString()
            ?? throw new InvalidOperationException($"{typeof(TDbContext).Name} has no connection string.");
    }

    private async Task LeadAsync(NpgsqlDataSource dataSource, string database, CancellationToken stoppingToken)
    {
        await using var leaderConnection = await dataSource.OpenConnectionAsync(stoppingToken);
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
                var (published, error) = await PublishAsync(rows, cancellationToken);
                FaultInjection.Hit(FaultInjection.RelayAfterPublish);
                await MarkAsync(dataSource, rows, published, error, cancellationToken);
                if (error is not null)
                {
                    failures++;
                    logger.LogWarning("Outbox relay could not publish: {Error}", error);
                    await Task.Delay(options.RetryDelay(failures), cancellationToken);
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
        await using var command = dataSource.CreateCommand("""
            SELECT id, message_id, topic, partition_key, event_type, payload, traceparent, created_at
            FROM messaging.outbox_messages WHERE published_at IS NULL ORDER BY id LIMIT @limit
            """);
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
    private async Task<(List<long> Published, string? Error)> PublishAsync(List<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var deliveries = new List<(OutboxRow Row, Task<DeliveryResult<string, byte[]>> Delivery, Activity? Activity)>(rows.Count);
        foreach (var row in rows)
        {
            var activity = MessagingTelemetry.ActivitySource.StartActivity(
                $"{row.Topic} publish", ActivityKind.Producer, MessagingTelemetry.ParseParent(row.Traceparent));
            activity?.SetTag("messaging.system", "kafka");
            activity?.SetTag("messaging.destination.name", row.Topic);
            activity?.SetTag("messaging.message.id", row.MessageId.ToString());
            var headers = new Headers
            {
                { "ce_id", Encoding.UTF8.GetBytes(row.MessageId.ToString()) },
                { "ce_type", Encoding.UTF8.GetBytes(row.EventType) },
                { "content-type", "application/cloudevents+json"u8.ToArray() },
            };
            var traceparent = activity?.Id ?? row.Traceparent;
            if (traceparent is not null) headers.Add("traceparent", Encoding.UTF8.GetBytes(traceparent));
            var message = new Message<string, byte[]> { Key = row.PartitionKey, Value = Encoding.UTF8.GetBytes(row.Payload), Headers = headers };
            Task<DeliveryResult<string, byte[]>> delivery;
            try
            {
                delivery = producer.Producer.ProduceAsync(row.Topic, message);
            }
            catch (Exception e)
            {
                delivery = Task.FromException<DeliveryResult<string, byte[]>>(e);
            }
            deliveries.Add((row, delivery, activity));
            activity?.Stop();
        }

        var published = new List<long>(rows.Count);
        string? error = null;
        foreach (var (row, delivery, activity) in deliveries)
        {
            try
            {
                // Unacknowledged rows stay unpublished; stopping must not wait for message.timeout.ms.
                await delivery.WaitAsync(cancellationToken);
                published.Add(row.Id);
                MessagingTelemetry.PublishLatency.Record((timeProvider.GetUtcNow() - row.CreatedAt).TotalSeconds,
                    new KeyValuePair<string, object?>("topic", row.Topic));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error ??= $"{row.Topic}/{row.PartitionKey}: {e.Message}";
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            }
        }
        MessagingTelemetry.Published.Add(published.Count);
        return (published, error);
    }

    private static async Task MarkAsync(NpgsqlDataSource dataSource, List<OutboxRow> rows, List<long> published, string? error, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        if (published.Count > 0)
        {
            var mark = new NpgsqlBatchCommand("UPDATE messaging.outbox_messages SET published_at = now() WHERE id = ANY(@ids)");
            mark.Parameters.AddWithValue("ids", published.ToArray());
            batch.BatchCommands.Add(mark);
        }
        if (error is not null)
        {
            var failed = rows.Select(r => r.Id).Except(published).ToArray();
            var record = new NpgsqlBatchCommand("UPDATE messaging.outbox_messages SET attempts = attempts + 1, last_error = @error WHERE id = ANY(@ids)");
            record.Parameters.AddWithValue("ids", failed);
            record.Parameters.AddWithValue("error", error);
            batch.BatchCommands.Add(record);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ReportAndCleanAsync(NpgsqlDataSource dataSource, string database, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now - _lastReport < TimeSpan.FromSeconds(1)) return;
        _lastReport = now;
        await using (var command = dataSource.CreateCommand(
            "SELECT count(*), min(created_at) FROM messaging.outbox_messages WHERE published_at IS NULL"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var backlog = reader.GetInt64(0);
            var age = reader.IsDBNull(1) ? 0 : (timeProvider.GetUtcNow() - reader.GetFieldValue<DateTimeOffset>(1)).TotalSeconds;
            MessagingTelemetry.ReportOutbox(database, backlog, age);
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

    private sealed record OutboxRow(long Id, Guid MessageId, string Topic, string PartitionKey, string EventType, string Payload, string? Traceparent, DateTimeOffset CreatedAt);
}
