using Grocery.Messaging.Consuming;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging;

public sealed class EventBusBuilder
{
    private readonly SubscriptionRegistry _subscriptions;
    private readonly BroadcastSubscriptions _broadcasts;

    internal EventBusBuilder(IHostApplicationBuilder host, EventBusOptions options, SubscriptionRegistry subscriptions, BroadcastSubscriptions broadcasts)
    {
        Host = host;
        Options = options;
        _subscriptions = subscriptions;
        _broadcasts = broadcasts;
    }

    public IHostApplicationBuilder Host { get; }

    public EventBusOptions Options { get; }

    public IServiceCollection Services => Host.Services;

    /// <summary>Handles <typeparamref name="TEvent"/> with a scoped <typeparamref name="THandler"/>; fails if the event has no topic.</summary>
    public EventBusBuilder AddSubscription<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        _subscriptions.Add(Subscribe<TEvent, THandler>());
        return this;
    }

    /// <summary>
    /// Delivers <typeparamref name="TEvent"/> to every running replica (e.g. cache invalidation)
    /// instead of to one replica of the service. No inbox, no dead letters: the handler changes
    /// replica-local state and must be idempotent; a replica sees what is published while it runs.
    /// </summary>
    public EventBusBuilder AddBroadcastSubscription<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        _broadcasts.Registry.Add(Subscribe<TEvent, THandler>());
        return this;
    }

    private Subscription Subscribe<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent> =>
        Subscribe<TEvent, THandler>(Options, Services);

    internal static Subscription Subscribe<TEvent, THandler>(EventBusOptions options, IServiceCollection services)
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var registration = options.Topics.Get(typeof(TEvent));
        services.TryAddScoped<THandler>();
        return new Subscription(registration, typeof(THandler),
            static (services, @event, context, cancellationToken) =>
                services.GetRequiredService<THandler>().HandleAsync((TEvent)@event, context, cancellationToken));
    }
}
