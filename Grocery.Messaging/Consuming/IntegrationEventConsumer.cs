using System.Text;
using System.Threading.Channels;
using Confluent.Kafka;
using Grocery.Messaging.Kafka;
using Grocery.Messaging.Telemetry;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging.Consuming;

/// <summary>
/// Consumes the subscribed topics with manual offset commits. Messages go to lanes by key, so one
/// key is handled in order while different keys run in parallel; an offset is committed only
/// after the transaction of every earlier message of its partition.
/// </summary>
internal sealed class IntegrationEventConsumer<TDbContext>(
    SubscriptionRegistry subscriptions,
    MessageProcessor<TDbContext> processor,
    EventBusOptions options,
    ILogger<IntegrationEventConsumer<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    // Commit is a synchronous broker round trip on the consume thread; a crash re-delivers at most
    // this much, which the inbox absorbs.
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);
    private readonly PartitionOffsetTracker _tracker = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var topics = subscriptions.Topics;
        if (!options.ConsumerEnabled || topics.Count == 0) return Task.CompletedTask;
        return Task.Factory.StartNew(() => Run(topics, stoppingToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task Run(IReadOnlyCollection<string> topics, CancellationToken stoppingToken)
    {
        var lanes = Enumerable.Range(0, Math.Max(1, options.ConsumerConcurrency))
            .Select(_ => Channel.CreateBounded<IncomingMessage>(new BoundedChannelOptions(options.ConsumerBatchSize * 4) { SingleReader = true, SingleWriter = true }))
            .ToArray();
        var workers = lanes.Select(lane => Task.Run(() => RunLaneAsync(lane.Reader, stoppingToken), CancellationToken.None)).ToArray();
        var group = options.EffectiveConsumerGroup;

        using var consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfig.Consumer(options))
            .SetErrorHandler((_, e) => logger.LogWarning("Kafka consumer error {Code}: {Reason}", e.Code, e.Reason))
            .SetPartitionsAssignedHandler((_, partitions) => _tracker.Assign(partitions))
            .SetPartitionsRevokedHandler((c, partitions) =>
            {
                Commit(c, _tracker.TakeCommittable(partitions.Select(p => p.TopicPartition).ToList()));
                _tracker.Revoke(partitions.Select(p => p.TopicPartition));
            })
            .SetPartitionsLostHandler((_, partitions) => _tracker.Revoke(partitions.Select(p => p.TopicPartition)))
            .Build();
        consumer.Subscribe(topics);
        logger.LogInformation("Consumer group {Group} subscribed to {Topics}", group, string.Join(", ", topics));

        var lastCommit = Stopwatch.GetTimestamp();
        var lastLag = Stopwatch.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(TimeSpan.FromMilliseconds(10));
                }
                catch (ConsumeException e)
                {
                    logger.LogWarning(e, "Consume failed: {Reason}", e.Error.Reason);
                    continue;
                }
                if (result is { IsPartitionEOF: false, Message: not null })
                {
                    var epoch = _tracker.Track(result.TopicPartition, result.Offset.Value);
                    if (epoch >= 0)
                    {
                        var message = new IncomingMessage(result.Topic, result.Partition.Value, result.Offset.Value,
                            result.Message.Key ?? "", result.Message.Value ?? [], Header(result.Message.Headers, "traceparent")) { Epoch = epoch };
                        var lane = lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(message.Key) % (uint)lanes.Length)];
                        while (!lane.Writer.TryWrite(message))
                        {
                            CommitIfDue(consumer, ref lastCommit);
                            lane.Writer.WaitToWriteAsync(stoppingToken).AsTask().Wait(TimeSpan.FromMilliseconds(50), stoppingToken);
                        }
                    }
                }
                CommitIfDue(consumer, ref lastCommit);
                if (Stopwatch.GetElapsedTime(lastLag) > TimeSpan.FromSeconds(5))
                {
                    lastLag = Stopwatch.GetTimestamp();
                    ReportLag(consumer, group);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var lane in lanes) lane.Writer.TryComplete();
            try { await Task.WhenAll(workers); } catch (OperationCanceledException) { }
            Commit(consumer, _tracker.TakeCommittable());
            consumer.Close();
        }
    }

    private async Task RunLaneAsync(ChannelReader<IncomingMessage> reader, CancellationToken stoppingToken)
    {
        var batch = new List<IncomingMessage>(options.ConsumerBatchSize);
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < options.ConsumerBatchSize && reader.TryRead(out var message))
            {
                if (_tracker.IsCurrent(new TopicPartition(message.Topic, message.Partition), message.Epoch)) batch.Add(message);
            }
            if (batch.Count == 0) continue;
            while (true)
            {
                try
                {
                    await processor.ProcessAsync(batch, stoppingToken);
                    break;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // A lane must never die silently: its key range would stall with no sign.
                    logger.LogError(e, "Handling a batch of {Count} messages failed; retrying it", batch.Count);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
            FaultInjection.Hit(FaultInjection.ConsumerAfterCommit);
            foreach (var message in batch)
                _tracker.Complete(new TopicPartition(message.Topic, message.Partition), message.Offset, message.Epoch);
        }
    }

    private void CommitIfDue(IConsumer<string, byte[]> consumer, ref long lastCommit)
    {
        if (Stopwatch.GetElapsedTime(lastCommit) < CommitInterval) return;
        lastCommit = Stopwatch.GetTimestamp();
        Commit(consumer, _tracker.TakeCommittable());
    }

    private void Commit(IConsumer<string, byte[]> consumer, List<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0) return;
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException e)
        {
            // Not fatal: a later commit covers these offsets, and redelivery is absorbed by the inbox.
            logger.LogDebug(e, "Offset commit failed: {Reason}", e.Error.Reason);
        }
    }

    private void ReportLag(IConsumer<string, byte[]> consumer, string group)
    {
        foreach (var partition in _tracker.Assigned)
        {
            try
            {
                var high = consumer.GetWatermarkOffsets(partition).High;
                var position = consumer.Position(partition);
                if (high.IsSpecial || position.IsSpecial) continue;
                MessagingTelemetry.ReportLag(group, partition.Topic, partition.Partition.Value, Math.Max(0, high.Value - position.Value));
            }
            catch (KafkaException)
            {
            }
        }
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
