using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grocery.Messaging.Tests;

public sealed class OutboxTests(MessagingInfrastructure infrastructure)
{
    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "rollback", Relay: true, Consumer: true);
        await using var bus = await BusHost.Create(settings).StartAsync();
        var ct = TestContext.Current.CancellationToken;

        await using (var scope = bus.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            outbox.Add(new CounterIncrementedIntegrationEvent("k", 1, "rolled-back-ef"));
            await db.SaveChangesAsync(ct);
            await transaction.RollbackAsync(ct);
        }
        await using (var scope = bus.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using (var rolledBack = await connection.BeginTransactionAsync(ct))
            {
                await outbox.AddAsync(new CounterIncrementedIntegrationEvent("k", 2, "rolled-back-sql"), rolledBack, ct);
                await rolledBack.RollbackAsync(ct);
            }
            await using var committed = await connection.BeginTransactionAsync(ct);
            await outbox.AddAsync(new CounterIncrementedIntegrationEvent("k", 3, "committed-sql"), committed, ct);
            await committed.CommitAsync(ct);
        }
        await bus.PublishAsync(new CounterIncrementedIntegrationEvent("k", 4, "committed-ef"));

        await Eventually.TrueAsync(async () => (await database.HandledAsync()).Count == 2, "both committed events are handled");
        Assert.Equal(["committed-sql", "committed-ef"], (await database.CountersAsync()).Keys.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(2, await database.ScalarAsync("SELECT count(*) FROM messaging.outbox_messages"));
    }

    [Fact]
    public async Task Two_relays_on_one_database_publish_each_row_once_in_order_per_key()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var topic = MessagingInfrastructure.NewTopic();
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, topic, "two-relays", Relay: true, Consumer: false);
        await using var first = await BusHost.Create(settings).StartAsync();
        await using var second = await BusHost.Create(settings).StartAsync();
        const int perKey = 40;
        string[] keys = ["a", "b", "c", "d", "e"];
        for (var sequence = 0; sequence < perKey; sequence++)
        {
            var writer = sequence % 2 == 0 ? first : second;
            await writer.PublishAsync(keys.Select(k => new CounterIncrementedIntegrationEvent(k, sequence, $"{k}{sequence}")).ToArray());
        }
        await Eventually.TrueAsync(async () => await database.UnpublishedAsync() == 0, "the outbox is published");

        // Every row is acknowledged, so everything either relay produced is in the topic by now.
        var records = ReadWholeTopic(topic);
        var events = records.Select(r => (r.Message.Key, Envelope: JsonDocument.Parse(r.Message.Value).RootElement)).ToList();
        Assert.Equal(keys.Length * perKey, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.Envelope.GetProperty("id").GetString()).Distinct().Count());
        foreach (var key in keys)
        {
            var sequences = events.Where(e => e.Key == key).Select(e => e.Envelope.GetProperty("data").GetProperty("sequence").GetInt32()).ToList();
            Assert.Equal(Enumerable.Range(0, perKey), sequences);
        }
    }

    [Fact]
    public async Task A_handler_publishing_a_follow_up_keeps_the_correlation_and_the_trace_and_sets_the_causation()
    {
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is Telemetry.MessagingTelemetry.Name or "Grocery.Messaging.Tests",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var requestSource = new System.Diagnostics.ActivitySource("Grocery.Messaging.Tests");

        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "follow-up", Relay: true, Consumer: true);
        await using var bus = await BusHost.Create(settings).StartAsync();

        string traceId;
        using (var request = requestSource.StartActivity("POST /api/v1/orders", System.Diagnostics.ActivityKind.Server))
        {
            traceId = request!.TraceId.ToHexString();
            await bus.PublishAsync(new CounterIncrementedIntegrationEvent("k", 1, CounterIncrementedHandler.FollowUpPrefix + "second"));
        }
        await Eventually.TrueAsync(async () => (await database.HandledAsync()).Count == 2, "the event and its follow-up are handled");

        var handled = await database.HandledAsync();
        Assert.All(handled, h => Assert.Equal(traceId, h.TraceId));
        Assert.All(handled, h => Assert.Equal(traceId, h.CorrelationId));
        var followUp = await database.Context().Database
            .SqlQueryRaw<string>("SELECT payload AS \"Value\" FROM messaging.outbox_messages ORDER BY id OFFSET 1")
            .SingleAsync(TestContext.Current.CancellationToken);
        var envelope = JsonDocument.Parse(followUp).RootElement;
        Assert.Equal(handled[0].MessageId, envelope.GetProperty("causationid").GetString());
        Assert.Equal(traceId, envelope.GetProperty("correlationid").GetString());
        Assert.Equal("grocery." + settings.Topic[..^".events".Length] + ".CounterIncremented", envelope.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_handler_s_outbox_rows_wake_the_relay_when_the_consumer_commits()
    {
        // The relay would not look at the outbox on its own within the test: only the NOTIFY that the consumer sends
        // with its inbox rows can get the follow-up published.
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "woken", Relay: true, Consumer: true)
        {
            OutboxPollInterval = TimeSpan.FromMinutes(10),
        };
        await using var bus = await BusHost.Create(settings).StartAsync();

        for (var i = 0; i < 3; i++)
        {
            await bus.PublishAsync(new CounterIncrementedIntegrationEvent($"k{i}", 1, CounterIncrementedHandler.FollowUpPrefix + $"second{i}"));
            await Eventually.TrueAsync(async () => (await database.HandledAsync()).Count == 2 * (i + 1), "the event and its follow-up are handled",
                timeoutSeconds: 30);
        }
    }

    private List<ConsumeResult<string, byte[]>> ReadWholeTopic(string topic)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = infrastructure.Kafka, GroupId = "reader-" + Guid.NewGuid(), EnableAutoCommit = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (records.Count < ends.Values.Sum())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Read {records.Count} of {ends.Values.Sum()} records.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } record) records.Add(record);
        }
        return records;
    }
}
