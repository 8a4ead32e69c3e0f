using System.Text;
using Confluent.Kafka;
using Grocery.Messaging.Kafka;
using Grocery.Messaging.Outbox;
using Grocery.Messaging.Storage;
using Grocery.Messaging.Telemetry;

namespace Grocery.Messaging.Consuming;

/// <summary>
/// Runs handlers with the inbox: a batch's handler effects, inbox rows and parked rows commit in one
/// transaction. A failing batch falls back to one transaction per message, with retries, and then
/// the dead-letter topic.
/// </summary>
internal sealed class MessageProcessor<TDbContext>(
    IServiceScopeFactory scopeFactory,
    MessageDispatcher dispatcher,
    EventBusOptions options,
    KafkaProducer producer,
    OutboxNotifyInterceptor outboxNotify,
    TimeProvider timeProvider,
    ILogger<MessageProcessor<TDbContext>> logger)
    where TDbContext : DbContext
{
    private string Group => options.EffectiveConsumerGroup;

    public async Task ProcessAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken cancellationToken)
    {
        var parsed = batch.Select(dispatcher.Parse).ToList();
        if (parsed.All(p => p.Outcome == ParseOutcome.NotSubscribed)) return;
        if (parsed.Count > 1 && parsed.All(p => p.Outcome != ParseOutcome.Invalid))
        {
            try
            {
                await ProcessInTransactionAsync(parsed, attempt: 1, cancellationToken);
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing of the batch committed; message by message, each failure is attributed and retried.
            }
        }
        foreach (var message in parsed)
            await ProcessWithRetriesAsync(message, cancellationToken);
    }

    private async Task ProcessWithRetriesAsync(ParsedMessage message, CancellationToken cancellationToken)
    {
        var attempt = 1;
        var infrastructureFailures = 0;
        string? deadLetterError = null;
        while (true)
        {
            try
            {
                if (deadLetterError is not null)
                    await DeadLetterAsync(message, deadLetterError, attempt, cancellationToken);
                else
                    await ProcessInTransactionAsync([message], attempt, cancellationToken);
                return;
            }
            catch (HandlerFailedException e) when (attempt < options.MaxAttempts)
            {
                logger.LogWarning(e.InnerException, "Attempt {Attempt} of {MessageId} failed; retrying", attempt, message.MessageId);
                MessagingTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("event_type", message.EventType));
                await Task.Delay(options.RetryDelay(attempt), timeProvider, cancellationToken);
                attempt++;
            }
            catch (HandlerFailedException e)
            {
                deadLetterError = e.InnerException?.ToString() ?? e.Message;
            }
            catch (InvalidMessageException)
            {
                deadLetterError = message.Error!;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The database or broker is unavailable: not the message's fault, so it never counts as an attempt.
                infrastructureFailures++;
                logger.LogWarning(e, "Could not process {MessageId}; retrying", message.MessageId);
                await Task.Delay(options.RetryDelay(infrastructureFailures), timeProvider, cancellationToken);
            }
        }
    }

    private async Task ProcessInTransactionAsync(IReadOnlyList<ParsedMessage> messages, int attempt, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The handlers' NOTIFY for their outbox rows goes with the inbox rows, not in a round trip of its own.
            using var notify = outboxNotify.Defer(db);
            var (seen, blocked) = await MessagingStore.SelectSeenAndBlockedAsync(db, Group,
                messages.Select(m => m.MessageId).Distinct().ToArray(), messages.Select(m => m.Raw.Key).Distinct().ToArray(), ct);
            var handled = new List<ParsedMessage>(messages.Count);
            var parked = new List<ParsedMessage>();
            foreach (var message in messages)
            {
                if (message.Outcome == ParseOutcome.NotSubscribed || !seen.Add(message.MessageId)) continue;
                if (blocked.Contains(MessagingStore.BlockKey(message.Raw.Topic, message.Raw.Key)))
                {
                    parked.Add(message);
                    continue;
                }
                if (message.Outcome == ParseOutcome.Invalid) throw new InvalidMessageException();
                await dispatcher.InvokeAsync(scope.ServiceProvider, message, attempt, replay: false, ct);
                handled.Add(message);
            }
            FaultInjection.Hit(FaultInjection.ConsumerBeforeCommit);
            if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
            await MessagingStore.RecordOutcomeAsync(db, Group, handled, parked, notify.Requested, ct);
            await transaction.CommitAsync(ct);

            var now = timeProvider.GetUtcNow();
            foreach (var message in handled)
                MessagingTelemetry.EndToEndLatency.Record((now - message.Envelope!.Time).TotalSeconds,
                    new KeyValuePair<string, object?>("event_type", message.EventType));
            if (parked.Count > 0)
                MessagingTelemetry.Parked.Add(parked.Count, new KeyValuePair<string, object?>("consumer_group", Group));
        }, cancellationToken);
    }

    private async Task DeadLetterAsync(ParsedMessage message, string error, int attempts, CancellationToken cancellationToken)
    {
        logger.LogError("Dead-lettering {MessageId} ({Type}) key {Key} after {Attempts} attempt(s): {Error}",
            message.MessageId, message.EventType, message.Raw.Key, attempts, error);
        await PublishDeadLetterAsync(producer, message.Raw, Group, error, cancellationToken);

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        var blockedKeys = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await MessagingStore.InsertDeadLetterAsync(db, Group, message, error, attempts, ct);
            var count = await MessagingStore.CountBlockedKeysAsync(db, Group, ct);
            await transaction.CommitAsync(ct);
            return count;
        }, cancellationToken);
        MessagingTelemetry.DeadLetters.Add(1, new KeyValuePair<string, object?>("topic", message.Raw.Topic));
        MessagingTelemetry.ReportParkedKeys(Group, blockedKeys);
    }

    /// <summary>Copies the original message to &lt;topic&gt;.dlq with the error, retrying until acknowledged.</summary>
    internal static async Task PublishDeadLetterAsync(KafkaProducer producer, IncomingMessage message, string group, string error, CancellationToken cancellationToken)
    {
        var headers = new Headers
        {
            { "dlq-error", Encoding.UTF8.GetBytes(error.Length > 4000 ? error[..4000] : error) },
            { "dlq-topic", Encoding.UTF8.GetBytes(message.Topic) },
            { "dlq-partition", Encoding.UTF8.GetBytes(message.Partition.ToString()) },
            { "dlq-offset", Encoding.UTF8.GetBytes(message.Offset.ToString()) },
            { "dlq-consumer-group", Encoding.UTF8.GetBytes(group) },
        };
        if (message.Traceparent is not null) headers.Add("traceparent", Encoding.UTF8.GetBytes(message.Traceparent));
        var attempt = 0;
        while (true)
        {
            try
            {
                await producer.Producer.ProduceAsync(message.Topic + ".dlq",
                    new Message<string, byte[]> { Key = message.Key, Value = message.Value, Headers = headers }, cancellationToken);
                return;
            }
            catch (ProduceException<string, byte[]>) when (attempt < 10)
            {
                attempt++;
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }
}
