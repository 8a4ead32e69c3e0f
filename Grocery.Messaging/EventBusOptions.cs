using Grocery.Messaging.Topics;

namespace Grocery.Messaging;

/// <summary>Bound from the "Messaging" configuration section, then from AddEventBus's callback.</summary>
public sealed class EventBusOptions
{
    /// <summary>CloudEvents source and default consumer group, e.g. "ordering".</summary>
    public string ServiceName { get; set; } = "";

    public string? ConsumerGroup { get; set; }

    /// <summary>Kafka bootstrap servers; taken from ConnectionStrings:{name} when empty.</summary>
    public string BootstrapServers { get; set; } = "";

    public TopicRegistry Topics { get; set; } = GroceryTopics.Registry;

    public TopicCreationMode TopicCreation { get; set; } = TopicCreationMode.Auto;

    /// <summary>Handler attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Cap of the relay's jittered back-off while Kafka fails transiently (unreachable, timeouts).
    /// Events the broker refuses for good (too large, invalid) are parked instead of retried.
    /// </summary>
    public TimeSpan RelayRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Safety net: how often the relay looks at the outbox when no notification arrives.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int OutboxBatchSize { get; set; } = 500;

    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long message ids are remembered; keep it above the topics' retention.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(8);

    /// <summary>
    /// Parallel handler lanes (each holds one database connection while it handles a batch); one key
    /// always uses the same lane, so per-key order holds. Handlers wait on database round trips,
    /// so more lanes than cores pay off.
    /// </summary>
    public int ConsumerConcurrency { get; set; } = 8;

    public int ConsumerBatchSize { get; set; } = 100;

    public bool RelayEnabled { get; set; } = true;

    public bool ConsumerEnabled { get; set; } = true;

    /// <summary>Extra librdkafka settings for every client (e.g. security.protocol).</summary>
    public Dictionary<string, string> Kafka { get; set; } = [];

    /// <summary>Extra librdkafka settings for the consumer only (e.g. session.timeout.ms).</summary>
    public Dictionary<string, string> KafkaConsumer { get; set; } = [];

    internal string EffectiveConsumerGroup => string.IsNullOrEmpty(ConsumerGroup) ? ServiceName : ConsumerGroup;

    internal TimeSpan RetryDelay(int attempt) => Backoff.Delay(attempt, RetryBaseDelay, RetryMaxDelay, jitter: 1);

    internal TimeSpan RelayRetryDelay(int attempt) => Backoff.Delay(attempt, RetryBaseDelay, RelayRetryMaxDelay, Random.Shared.NextDouble());
}
