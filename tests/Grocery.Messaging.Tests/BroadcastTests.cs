using Grocery.Messaging.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Messaging.Tests;

public sealed class BroadcastTests(MessagingInfrastructure infrastructure)
{
    [Fact]
    public async Task A_broadcast_subscription_reaches_every_replica_while_a_normal_one_reaches_one()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "replicas", Relay: true, Consumer: true) { Broadcast = true };
        await using var first = await BusHost.Create(settings).StartAsync();
        await using var second = await BusHost.Create(settings).StartAsync();
        var logs = new[] { first, second }.Select(h => h.Services.GetRequiredService<BroadcastLog>()).ToList();

        // A replica sees what is published while it runs: publish probes until both are listening.
        var probe = 0;
        await Eventually.TrueAsync(async () =>
        {
            await first.PublishAsync(new CounterIncrementedIntegrationEvent("probe", probe, $"probe{probe++}"));
            await Task.Delay(200, TestContext.Current.CancellationToken);
            return logs.All(l => !l.Counters.IsEmpty);
        }, "both replicas receive broadcasts");

        await second.PublishAsync(new CounterIncrementedIntegrationEvent("k", 1, "everyone"));
        await Eventually.TrueAsync(() => Task.FromResult(logs.All(l => l.Counters.Contains("everyone"))), "both replicas receive the broadcast");
        await Eventually.TrueAsync(async () => (await database.CountersAsync()).ContainsKey("everyone"), "the group subscription handles it");
        Assert.Equal(1, (await database.CountersAsync())["everyone"]);
    }

    [Fact]
    public async Task A_service_without_a_database_receives_broadcasts_and_registers_no_outbox()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var settings = new TestBusSettings(database.ConnectionString, infrastructure.Kafka, MessagingInfrastructure.NewTopic(), "publisher", Relay: true, Consumer: false);
        // The publisher creates the topic; the receiver, like the storefront, only listens.
        await using var publisher = await BusHost.Create(settings).StartAsync();
        await using var receiver = await BusHost.CreateBroadcastReceiver(settings).StartAsync();
        var log = receiver.Services.GetRequiredService<BroadcastLog>();
        Assert.Null(receiver.Services.GetService<IIntegrationEventOutbox>());
        Assert.Null(receiver.Services.GetService<TestDbContext>());

        var probe = 0;
        await Eventually.TrueAsync(async () =>
        {
            await publisher.PublishAsync(new CounterIncrementedIntegrationEvent("probe", probe, $"probe{probe++}"));
            await Task.Delay(200, TestContext.Current.CancellationToken);
            return !log.Counters.IsEmpty;
        }, "the receiver is listening");

        await publisher.PublishAsync(new CounterIncrementedIntegrationEvent("k", 1, "storefront"));
        await Eventually.TrueAsync(() => Task.FromResult(log.Counters.Contains("storefront")), "the receiver gets the broadcast");
    }
}
