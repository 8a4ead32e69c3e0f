using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grocery.Messaging.DeadLetters;
using Grocery.Messaging.Outbox;
using Grocery.Messaging.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Messaging.Tests;

public sealed class DeadLetterTests(MessagingInfrastructure infrastructure)
{
    private const string Api = "/api/v1/ops/messaging";

    [Fact]
    public async Task A_key_whose_handler_always_fails_is_dead_lettered_parks_its_later_messages_and_replays_in_order_through_the_api()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "dead-letters", Relay: true, Consumer: true);
        await using var service = await ServiceHost.StartAsync(settings);
        var ct = TestContext.Current.CancellationToken;
        service.Faults.FailingKeys["A"] = true;

        for (var sequence = 1; sequence <= 3; sequence++)
        {
            await PublishAsync(service, new CounterIncrementedIntegrationEvent("A", sequence, $"A{sequence}"));
            await PublishAsync(service, new CounterIncrementedIntegrationEvent("B", sequence, $"B{sequence}"));
        }

        await Eventually.TrueAsync(async () =>
        {
            var parked = await service.Client.GetFromJsonAsync<List<ParkedKey>>($"{Api}/parked-keys", ct);
            return parked is [{ Key: "A", ParkedMessages: 2 }];
        }, "A's two later messages are parked behind its dead letter");
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).Count == 3, "key B keeps flowing");
        Assert.Equal(["B1", "B2", "B3"], (await database.HandledAsync()).Select(h => $"{h.Key}{h.Sequence}"));

        var deadLetters = await service.Client.GetFromJsonAsync<List<DeadLetterSummary>>($"{Api}/dead-letters?status=Pending", ct);
        var deadLetter = Assert.Single(deadLetters!);
        Assert.Equal(("A", settings.MaxAttempts, 2), (deadLetter.Key, deadLetter.Attempts, deadLetter.ParkedBehind));
        Assert.Contains("Handler refuses key A", deadLetter.Error);
        var copied = ReadDeadLetterTopic(settings.Topic + ".dlq");
        Assert.Equal(deadLetter.MessageId, JsonDocument.Parse(copied.Message.Value).RootElement.GetProperty("id").GetString());
        Assert.Contains("Handler refuses key A", Encoding.UTF8.GetString(copied.Message.Headers.GetLastBytes("dlq-error")));

        var failedReplay = await service.Client.PostAsync($"{Api}/dead-letters/{deadLetter.Id}/replay", null, ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failedReplay.StatusCode);

        service.Faults.FailingKeys.TryRemove("A", out _);
        var replay = await service.Client.PostAsync($"{Api}/dead-letters/{deadLetter.Id}/replay", null, ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = await replay.Content.ReadFromJsonAsync<ResolveResult>(ct);
        Assert.Equal((ResolveStatus.Resolved, 2), (result!.Status, result.ParkedProcessed));

        await PublishAsync(service, new CounterIncrementedIntegrationEvent("A", 4, "A4"));
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).ContainsKey("A4"), "a new message for A flows after the replay");
        Assert.Equal([1, 2, 3, 4], (await database.HandledAsync()).Where(h => h.Key == "A").Select(h => h.Sequence));
        Assert.Empty((await service.Client.GetFromJsonAsync<List<ParkedKey>>($"{Api}/parked-keys", ct))!);
        Assert.Equal(HttpStatusCode.Conflict, (await service.Client.PostAsync($"{Api}/dead-letters/{deadLetter.Id}/discard", null, ct)).StatusCode);
    }

    [Fact]
    public async Task An_undeserialisable_message_goes_straight_to_the_dead_letter_topic_and_blocks_only_its_key()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "poison", Relay: true, Consumer: true) { MaxAttempts = 5 };
        await using var service = await ServiceHost.StartAsync(settings);
        var ct = TestContext.Current.CancellationToken;

        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = infrastructure.Kafka }).Build())
            await producer.ProduceAsync(settings.Topic, new Message<string, byte[]> { Key = "X", Value = "{not json"u8.ToArray() }, ct);
        await PublishAsync(service, new CounterIncrementedIntegrationEvent("X", 2, "X2"));
        await PublishAsync(service, new CounterIncrementedIntegrationEvent("Y", 1, "Y1"));

        var operations = service.Services.GetRequiredService<IDeadLetterOperations>();
        await Eventually.TrueAsync(async () => (await operations.ListParkedKeysAsync(ct)) is [{ Key: "X", ParkedMessages: 1 }], "X2 is parked behind the poison message");
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).ContainsKey("Y1"), "key Y keeps flowing");
        var deadLetter = Assert.Single(await operations.ListAsync(DeadLetterStatus.Pending, 10, ct));
        Assert.Equal(1, deadLetter.Attempts);
        Assert.Contains("Undeserialisable", deadLetter.Error);
        Assert.Equal("{not json", Encoding.UTF8.GetString(ReadDeadLetterTopic(settings.Topic + ".dlq").Message.Value));

        var discard = await service.Client.PostAsync($"{Api}/dead-letters/{deadLetter.Id}/discard", null, ct);
        Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        Assert.Equal(1, (await database.CountersAsync())["X2"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = service.Client.BaseAddress }.GetAsync($"{Api}/dead-letters", ct)).StatusCode);
    }

    private static async Task PublishAsync(ServiceHost service, CounterIncrementedIntegrationEvent @event)
    {
        await using var scope = service.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(@event);
        await scope.ServiceProvider.GetRequiredService<TestDbContext>().SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private ConsumeResult<string, byte[]> ReadDeadLetterTopic(string topic)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = infrastructure.Kafka, GroupId = "dlq-reader-" + Guid.NewGuid(), AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var record = consumer.Consume(TimeSpan.FromSeconds(30));
        consumer.Close();
        return record ?? throw new InvalidOperationException($"Nothing in {topic}.");
    }
}
