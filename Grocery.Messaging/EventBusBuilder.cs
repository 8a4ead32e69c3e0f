using Grocery.Messaging.Consuming;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging;

public sealed class EventBusBuilder
{
    private readonly SubscriptionRegistry _subscriptions;

    internal EventBusBuilder(IHostApplicationBuilder host, EventBusOptions options, SubscriptionRegistry subscriptions)
    {
        Host = host;
        Options = options;
        _subscriptions = subscriptions;
    }

    public IHostApplicationBuilder Host { get; }

    public EventBusOptions Options { get; }

    public IServiceCollection Services => Host.Services;

    /// <summary>Handles <typeparamref name="TEvent"/> with a scoped <typeparamref name="THandler"/>; fails if the event has no topic.</summary>
    public EventBusBuilder AddSubscription<TEvent, THandler>()
        where TEvent : IIntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var registration = Options.Topics.Get(typeof(TEvent));
        _subscriptions.Add(new Subscription(registration, typeof(THandler),
            static (services, @event, context, cancellationToken) =>
                services.GetRequiredService<THandler>().HandleAsync((TEvent)@event, context, cancellationToken)));
        Services.AddScoped<THandler>();
        return this;
    }
}
