using Confluent.Kafka;

namespace Grocery.Messaging.Tests;

public sealed class DuplicateDeliveryTests(MessagingInfrastructure infrastructure)
{
    [Fact]
    public async Task A_message_delivered_twice_takes_effect_once()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var topic = MessagingInfrastructure.NewTopic();
        await using var bus = await BusHost.Create(new TestBusSettings(database.ConnectionString, infrastructure.Kafka, topic, "dup", Relay: true, Consumer: true)).StartAsync();

        await bus.PublishAsync(new CounterIncrementedIntegrationEvent("k1", 1, "first"));
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).ContainsKey("first"), "the first message is handled");

        // Redeliver the exact record the relay published, as Kafka does after a lost offset commit.
        using (var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = infrastructure.Kafka, GroupId = "dup-reader", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build())
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = infrastructure.Kafka }).Build())
        {
            reader.Subscribe(topic);
            var original = reader.Consume(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException("The published message was not found.");
            await producer.ProduceAsync(topic, original.Message, TestContext.Current.CancellationToken);
            await producer.ProduceAsync(topic, original.Message, TestContext.Current.CancellationToken);
            reader.Close();
        }
        await bus.PublishAsync(new CounterIncrementedIntegrationEvent("k1", 2, "sentinel"));
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).ContainsKey("sentinel"), "the sentinel behind the duplicates is handled");

        var counters = await database.CountersAsync();
        Assert.Equal(1, counters["first"]);
        Assert.Equal(1, counters["sentinel"]);
        Assert.Equal(2, (await database.HandledAsync()).Count);
    }
}
