using Grocery.Contracts;
using Grocery.Messaging.Outbox;
using Grocery.Messaging.Topics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging.Tests;

public sealed class TopicRegistryTests
{
    [Fact]
    public void Every_contract_event_is_declared_on_its_publishers_topic()
    {
        GroceryTopics.Registry.EnsureDeclaresAll(typeof(IIntegrationEvent).Assembly);
        Assert.All(GroceryTopics.Registry.Events, e =>
        {
            var publisher = e.EventType.Namespace!.Split('.').Last().ToLowerInvariant();
            Assert.Equal(publisher + ".events", e.Topic.Name);
        });
    }

    [Fact]
    public void Subscribing_to_an_undeclared_event_fails_at_startup()
    {
        var builder = Host.CreateApplicationBuilder();
        var bus = builder.AddTestBus(new TestBusSettings("Host=127.0.0.1", "127.0.0.1:9092", "declared.events", "g", Relay: false, Consumer: false));

        var error = Assert.Throws<InvalidOperationException>(() => bus.AddSubscription<UndeclaredIntegrationEvent, UndeclaredHandler>());
        Assert.Contains(nameof(UndeclaredIntegrationEvent), error.Message);
    }

    [Fact]
    public async Task Publishing_an_undeclared_event_fails()
    {
        await using var host = BusHost.Create(new TestBusSettings("Host=127.0.0.1", "127.0.0.1:9092", "declared.events", "g", Relay: false, Consumer: false));
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();

        Assert.Throws<InvalidOperationException>(() => outbox.Add(new UndeclaredIntegrationEvent("x")));
    }

    public sealed record UndeclaredIntegrationEvent(string Id) : IIntegrationEvent
    {
        string IIntegrationEvent.PartitionKey => Id;
    }

    public sealed class UndeclaredHandler : IIntegrationEventHandler<UndeclaredIntegrationEvent>
    {
        public Task HandleAsync(UndeclaredIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
