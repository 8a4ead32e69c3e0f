using Grocery.Testing;

namespace Grocery.Messaging.Tests;

public sealed class KafkaOutageTests(MessagingInfrastructure infrastructure)
{
    [Fact]
    public async Task A_service_starts_and_keeps_events_in_the_outbox_while_Kafka_is_unreachable()
    {
        var database = new TestDatabase(await infrastructure.NewDatabaseAsync());
        var unreachable = $"127.0.0.1:{FreePort.Next()}";
        var settings = new TestBusSettings(database.ConnectionString, unreachable, MessagingInfrastructure.NewTopic(), "outage", Relay: true, Consumer: true);

        await using var bus = await BusHost.Create(settings).StartAsync();
        await bus.PublishAsync(new CounterIncrementedIntegrationEvent("k", 1, "kept"));

        Assert.Equal(1, await database.UnpublishedAsync());
    }
}
