using Grocery.Messaging.Topics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging.TestWorker;

public sealed record TestBusSettings(string Database, string Kafka, string Topic, string Group, bool Relay, bool Consumer)
{
    public int MaxAttempts { get; init; } = 3;

    public bool Broadcast { get; init; }

    /// <summary>How often the relay looks at the outbox when no NOTIFY woke it.</summary>
    public TimeSpan OutboxPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Extra librdkafka settings for every client, e.g. a lower message.max.bytes.</summary>
    public IReadOnlyDictionary<string, string> KafkaSettings { get; init; } = new Dictionary<string, string>();
}

/// <summary>The same wiring a service uses, on a per-test topic and database.</summary>
public static class TestBus
{
    public static TopicRegistry Registry(string topic) =>
        new TopicRegistry().Topic(topic, partitions: 4, t => t.Event<CounterIncrementedIntegrationEvent>("key"));

    public static EventBusBuilder AddTestBus(this IHostApplicationBuilder builder, TestBusSettings settings)
    {
        builder.Services.AddSingleton<HandlerFaults>();
        builder.Services.AddSingleton<BroadcastLog>();
        builder.Services.AddDbContext<TestDbContext>(o => o.UseNpgsql(settings.Database));
        var bus = builder.AddEventBus<TestDbContext>("kafka", o =>
            {
                o.ServiceName = "test";
                o.BootstrapServers = settings.Kafka;
                o.ConsumerGroup = settings.Group;
                o.Topics = Registry(settings.Topic);
                o.TopicCreation = TopicCreationMode.Auto;
                o.MaxAttempts = settings.MaxAttempts;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
                o.OutboxPollInterval = settings.OutboxPollInterval;
                o.RelayEnabled = settings.Relay;
                o.ConsumerEnabled = settings.Consumer;
                // A SIGKILLed consumer's partitions move on once its session times out.
                o.KafkaConsumer["session.timeout.ms"] = "6000";
                o.KafkaConsumer["heartbeat.interval.ms"] = "500";
                foreach (var (name, value) in settings.KafkaSettings) o.Kafka[name] = value;
            })
            .AddSubscription<CounterIncrementedIntegrationEvent, CounterIncrementedHandler>();
        return settings.Broadcast ? bus.AddBroadcastSubscription<CounterIncrementedIntegrationEvent, RecordingBroadcastHandler>() : bus;
    }

    /// <summary>A service without a database that only receives the broadcasts (the storefront's wiring).</summary>
    public static BroadcastEventBusBuilder AddTestBroadcastReceiver(this IHostApplicationBuilder builder, TestBusSettings settings)
    {
        builder.Services.AddSingleton<BroadcastLog>();
        return builder.AddBroadcastEventBus("kafka", o =>
            {
                o.ServiceName = "receiver";
                o.BootstrapServers = settings.Kafka;
                o.Topics = Registry(settings.Topic);
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            })
            .AddBroadcastSubscription<CounterIncrementedIntegrationEvent, RecordingBroadcastHandler>();
    }

    public static async Task MigrateAsync(string database)
    {
        await using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database).Options);
        await db.Database.MigrateAsync();
    }
}
