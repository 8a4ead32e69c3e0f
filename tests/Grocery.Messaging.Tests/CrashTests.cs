using Grocery.Messaging;

namespace Grocery.Messaging.Tests;

public sealed class CrashTests(MessagingInfrastructure infrastructure)
{
    private const int Messages = 20;
    private static readonly string[] Keys = ["k0", "k1", "k2", "k3", "k4"];

    [Theory]
    [InlineData(FaultInjection.RelayBeforePublish)]
    [InlineData(FaultInjection.RelayAfterPublish)]
    public async Task A_relay_killed_between_commit_and_publish_publishes_after_restart_and_each_message_takes_effect_once(string faultPoint)
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var topic = MessagingInfrastructure.NewTopic();
        var relay = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, topic, "relay-crash", Relay: true, Consumer: false);
        await using var consumer = await BusHost.Create(relay with { Relay = false, Consumer = true }).StartAsync();
        await using var writer = BusHost.Create(relay with { Relay = false, Consumer = false });
        await writer.PublishAsync(Enumerable.Range(0, Messages).Select(i => new CounterIncrementedIntegrationEvent(Keys[i % Keys.Length], i, $"c{i}")).ToArray());

        await using (var crashing = WorkerProcess.Start(relay, faultPoint))
        {
            await crashing.WaitForLineAsync("FAULT:" + faultPoint);
            await crashing.KillAsync();
        }
        Assert.Equal(Messages, await database.UnpublishedAsync());

        await using var restarted = WorkerProcess.Start(relay);
        await Eventually.TrueAsync(async () => await database.UnpublishedAsync() == 0, "the restarted relay published the outbox");
        await WaitForSentinelsAsync(writer, database);

        var counters = await database.CountersAsync();
        Assert.All(Enumerable.Range(0, Messages), i => Assert.Equal(1, counters[$"c{i}"]));
    }

    [Fact]
    public async Task A_consumer_killed_after_its_transaction_committed_and_before_its_offset_commit_applies_each_message_once()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var topic = MessagingInfrastructure.NewTopic();
        var consumer = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, topic, "consumer-crash", Relay: false, Consumer: true);
        await using var relay = await BusHost.Create(consumer with { Relay = true, Consumer = false }).StartAsync();
        await relay.PublishAsync(Enumerable.Range(0, Messages).Select(i => new CounterIncrementedIntegrationEvent(Keys[i % Keys.Length], i, $"c{i}")).ToArray());
        await Eventually.TrueAsync(async () => await database.UnpublishedAsync() == 0, "the relay published the outbox");

        await using (var crashing = WorkerProcess.Start(consumer, FaultInjection.ConsumerAfterCommit))
        {
            await crashing.WaitForLineAsync("FAULT:" + FaultInjection.ConsumerAfterCommit);
            Assert.NotEmpty(await database.CountersAsync());
            await crashing.KillAsync();
        }
        var committedBeforeKill = (await database.CountersAsync()).Count;

        await using var restarted = WorkerProcess.Start(consumer);
        await WaitForSentinelsAsync(relay, database);

        var counters = await database.CountersAsync();
        Assert.InRange(committedBeforeKill, 1, Messages);
        Assert.All(Enumerable.Range(0, Messages), i => Assert.Equal(1, counters[$"c{i}"]));
    }

    // A sentinel per key lands behind every earlier message of that key's partition, so once all
    // sentinels are handled, every redelivery that could happen has happened.
    private static async Task WaitForSentinelsAsync(BusHost writer, TestDatabase database)
    {
        await writer.PublishAsync(Keys.Select((k, i) => new CounterIncrementedIntegrationEvent(k, 1000 + i, "sentinel-" + k)).ToArray());
        await Eventually.TrueAsync(async () =>
        {
            var counters = await database.CountersAsync();
            return Keys.All(k => counters.ContainsKey("sentinel-" + k));
        }, "every key's sentinel is handled", timeoutSeconds: 90);
    }
}
