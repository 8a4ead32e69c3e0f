using Grocery.Messaging.Consuming;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging;

/// <summary>The broadcast subscriptions of a service without a database; see <see cref="EventBusExtensions.AddBroadcastEventBus"/>.</summary>
public sealed class BroadcastEventBusBuilder
{
    private readonly BroadcastSubscriptions _broadcasts;

    internal BroadcastEventBusBuilder(IHostApplicationBuilder host, EventBusOptions options, BroadcastSubscriptions broadcasts)
    {
        Host = host;
        Options = options;
        _broadcasts = broadcasts;
    }

    public IHostApplicationBuilder Host { get; }

    public EventBusOptions Options { get; }

    public IServiceCollection Services => Host.Services;

    /// <inheritdoc cref="EventBusBuilder.AddBroadcastSubscription{TEvent, THandler}"/>
    public BroadcastEventBusBuilder AddBroadcastSubscription<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        _broadcasts.Registry.Add(EventBusBuilder.Subscribe<TEvent, THandler>(Options, Services));
        return this;
    }
}
