using System.Text;
using Confluent.Kafka;
using Grocery.Messaging.Kafka;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging.Consuming;

/// <summary>
/// Delivers broadcast subscriptions to every replica: each process joins its own consumer group
/// and starts at the end of the topics, so it sees what is published while it runs. No inbox and
/// no dead letters: the handlers update replica-local state (caches) and must be idempotent.
/// </summary>
internal sealed class BroadcastConsumer(
    BroadcastSubscriptions subscriptions,
    IServiceScopeFactory scopeFactory,
    EventBusOptions options,
    ILogger<BroadcastConsumer> logger) : BackgroundService
{
    private readonly MessageDispatcher _dispatcher = new(subscriptions.Registry);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topics = subscriptions.Registry.Topics;
        if (!options.ConsumerEnabled || topics.Count == 0) return Task.CompletedTask;
        return Task.Factory.StartNew(() => RunAsync(topics, stoppingToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task RunAsync(IReadOnlyCollection<string> topics, CancellationToken stoppingToken)
    {
        var config = KafkaClientConfig.Consumer(options);
        config.GroupId = $"{options.EffectiveConsumerGroup}.broadcast.{Environment.MachineName}.{Guid.NewGuid():N}";
        config.AutoOffsetReset = AutoOffsetReset.Latest;
        using var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetErrorHandler((_, e) => logger.LogWarning("Kafka broadcast consumer error {Code}: {Reason}", e.Code, e.Reason))
            .Build();
        consumer.Subscribe(topics);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is not { IsPartitionEOF: false, Message: not null }) continue;
                var traceparent = result.Message.Headers is { } headers && headers.TryGetLastBytes("traceparent", out var bytes)
                    ? Encoding.UTF8.GetString(bytes)
                    : null;
                var parsed = _dispatcher.Parse(new IncomingMessage(result.Topic, result.Partition.Value, result.Offset.Value,
                    result.Message.Key ?? "", result.Message.Value ?? [], traceparent));
                if (parsed.Outcome == ParseOutcome.Invalid)
                    logger.LogError("Broadcast message {Topic}/{Partition}/{Offset} skipped: {Error}", result.Topic, result.Partition.Value, result.Offset.Value, parsed.Error);
                else if (parsed.Outcome == ParseOutcome.Handled)
                    await HandleAsync(parsed, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    private async Task HandleAsync(ParsedMessage message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await _dispatcher.InvokeAsync(scope.ServiceProvider, message, attempt, replay: false, cancellationToken);
                return;
            }
            catch (HandlerFailedException e) when (attempt < options.MaxAttempts)
            {
                logger.LogWarning(e.InnerException, "Broadcast attempt {Attempt} of {MessageId} failed; retrying", attempt, message.MessageId);
                await Task.Delay(options.RetryDelay(attempt), cancellationToken);
            }
            catch (HandlerFailedException e)
            {
                logger.LogError(e.InnerException, "Broadcast {MessageId} ({Type}) dropped after {Attempts} attempts", message.MessageId, message.EventType, attempt);
                return;
            }
        }
    }
}
