using System.Diagnostics;
using System.Net.Http.Json;
using Grocery.Messaging.DeadLetters;
using Grocery.Messaging.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Messaging.Tests;

public sealed class OutboxRefusalTests(MessagingInfrastructure infrastructure)
{
    private const string Api = "/api/v1/ops/messaging";

    [Fact]
    public async Task An_event_Kafka_refuses_as_too_large_is_parked_with_its_reason_holds_its_key_and_lets_other_keys_through()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "refused", Relay: true, Consumer: true);
        await using var service = await ServiceHost.StartAsync(settings);
        var operations = service.Services.GetRequiredService<IDeadLetterOperations>();
        var ct = TestContext.Current.CancellationToken;

        // 2 MB, like a 2 MB substitute SKU on a basket line: above librdkafka's message.max.bytes (1,000,000 by default).
        var huge = "huge-" + new string('x', 2_000_000);
        await PublishAsync(service, new CounterIncrementedIntegrationEvent("big", 1, huge));
        await PublishAsync(service, new CounterIncrementedIntegrationEvent("big", 2, "big2"));
        var clock = Stopwatch.StartNew();
        await PublishAsync(service, new CounterIncrementedIntegrationEvent("other", 1, "other1"));
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).ContainsKey("other1"), "another key is delivered past the refused event");
        var relayed = await database.ScalarAsync("SELECT (extract(epoch FROM published_at - created_at) * 1000)::bigint FROM messaging.outbox_messages WHERE payload LIKE '%other1%'");
        TestContext.Current.TestOutputHelper?.WriteLine($"Another key's event was published {relayed} ms and handled {clock.ElapsedMilliseconds} ms after it was written.");

        // big2 was written before other1, so the relay has seen it and held it back behind big1.
        Assert.Equal(2, await database.UnpublishedAsync());
        Assert.DoesNotContain((await database.HandledAsync()), h => h.Key == "big");
        var deadLetters = await service.Client.GetFromJsonAsync<List<DeadLetterSummary>>($"{Api}/dead-letters?status=Pending", ct);
        var deadLetter = Assert.Single(deadLetters!);
        Assert.Equal((DeadLetterSource.Outbox, "big", 1, 1), (deadLetter.Source, deadLetter.Key, deadLetter.Attempts, deadLetter.ParkedBehind));
        Assert.Contains("MsgSizeTooLarge", deadLetter.Error);
        Assert.DoesNotContain("xxxx", deadLetter.Error);
        var parked = Assert.Single((await service.Client.GetFromJsonAsync<List<ParkedKey>>($"{Api}/parked-keys", ct))!);
        Assert.Equal((settings.Topic, "big", deadLetter.Id, 1, DeadLetterSource.Outbox), (parked.Topic, parked.Key, parked.DeadLetterId, parked.ParkedMessages, parked.Source));
        Assert.Contains(huge, (await operations.GetAsync(deadLetter.Id, ct))!.Payload);

        var discard = await operations.DiscardAsync(deadLetter.Id, ct);
        Assert.Equal((ResolveStatus.Resolved, 1), (discard.Status, discard.ParkedProcessed));
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).ContainsKey("big2"), "the held event follows once the refused one is discarded");
        Assert.Equal([2], (await database.HandledAsync()).Where(h => h.Key == "big").Select(h => h.Sequence));
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM messaging.outbox_messages WHERE published_at IS NULL OR length(payload) > 1000000"));
        var discarded = (await operations.GetAsync(deadLetter.Id, ct))!.Summary;
        Assert.Equal((DeadLetterStatus.Discarded, 0), (discarded.Status, discarded.ParkedBehind));
        Assert.Empty(await operations.ListParkedKeysAsync(ct));
    }

    [Fact]
    public async Task Replaying_a_refused_event_queues_it_again_and_publishes_it_ahead_of_its_key_once_Kafka_takes_it()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var topic = MessagingInfrastructure.NewTopic();
        var strict = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, topic, "replayed", Relay: true, Consumer: false)
        {
            KafkaSettings = new Dictionary<string, string> { ["message.max.bytes"] = "10000" },
        };
        var ct = TestContext.Current.CancellationToken;
        var large = "large-" + new string('x', 20_000);
        long deadLetterId;

        await using (var service = await ServiceHost.StartAsync(strict))
        {
            var operations = service.Services.GetRequiredService<IDeadLetterOperations>();
            await PublishAsync(service, new CounterIncrementedIntegrationEvent("r", 1, large));
            await PublishAsync(service, new CounterIncrementedIntegrationEvent("r", 2, "r2"));
            await Eventually.TrueAsync(async () => (await operations.ListAsync(DeadLetterStatus.Pending, 10, ct)).Count == 1, "the relay parks the event");
            deadLetterId = (await operations.ListAsync(DeadLetterStatus.Pending, 10, ct))[0].Id;

            var replay = await operations.ReplayAsync(deadLetterId, ct);
            Assert.Equal((ResolveStatus.Resolved, 1), (replay.Status, replay.ParkedProcessed));
            await Eventually.TrueAsync(async () => (await operations.GetAsync(deadLetterId, ct))!.Summary is { Status: DeadLetterStatus.Pending, Attempts: 2 },
                "the relay tries it again, is refused again and reopens the same dead letter");
            Assert.Equal(2, await database.UnpublishedAsync());
        }

        // Ops raised the limit and redeployed: the replay now goes through, and the held event follows it.
        var relaxed = strict with { Consumer = true, KafkaSettings = new Dictionary<string, string>() };
        await using (var service = await ServiceHost.StartAsync(relaxed))
        {
            var operations = service.Services.GetRequiredService<IDeadLetterOperations>();
            var replay = await operations.ReplayAsync(deadLetterId, ct);
            Assert.Equal(ResolveStatus.Resolved, replay.Status);
            await Eventually.TrueAsync(async () => (await database.HandledAsync()).Count == 2, "both events of the key are handled");
            Assert.Equal([1, 2], (await database.HandledAsync()).Select(h => h.Sequence));
            Assert.Equal(1, (await database.CountersAsync())[large]);
            Assert.Equal(DeadLetterStatus.Replayed, (await operations.GetAsync(deadLetterId, ct))!.Summary.Status);
            Assert.Empty(await operations.ListParkedKeysAsync(ct));
        }
    }

    private static async Task PublishAsync(ServiceHost service, CounterIncrementedIntegrationEvent @event)
    {
        await using var scope = service.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Outbox.IIntegrationEventOutbox>().Add(@event);
        await scope.ServiceProvider.GetRequiredService<TestDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
