using Grocery.Messaging.Consuming;
using Grocery.Messaging.DeadLetters;
using Grocery.Messaging.Kafka;
using Grocery.Messaging.Outbox;
using Grocery.Messaging.Topics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging;

public static class EventBusExtensions
{
    /// <summary>
    /// Registers the event bus for a service whose database is <typeparamref name="TDbContext"/>
    /// (which must call <c>modelBuilder.AddMessagingTables()</c>): outbox relay, consumer, inbox,
    /// dead letters. Kafka bootstrap servers come from ConnectionStrings:{connectionName};
    /// settings from the "Messaging" section, then <paramref name="configure"/>.
    /// </summary>
    public static EventBusBuilder AddEventBus<TDbContext>(
        this IHostApplicationBuilder builder, string connectionName, Action<EventBusOptions>? configure = null)
        where TDbContext : DbContext
    {
        var options = ResolveOptions(builder, connectionName, configure);
        var subscriptions = new SubscriptionRegistry();
        var broadcasts = new BroadcastSubscriptions();
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(subscriptions);
        services.AddSingleton(broadcasts);
        services.AddSingleton<KafkaProducer>();
        services.AddSingleton<TopicProvisioner>();
        services.AddSingleton<OutboxMessageFactory>();
        services.AddSingleton<OutboxNotifyInterceptor>();
        services.AddSingleton<MessageDispatcher>();
        services.AddSingleton<MessageProcessor<TDbContext>>();
        services.AddScoped<ICorrelationContext, CorrelationContext>();
        services.AddScoped<IIntegrationEventOutbox, IntegrationEventOutbox<TDbContext>>();
        services.AddSingleton<IDeadLetterOperations, DeadLetterOperations<TDbContext>>();
        services.ConfigureDbContext<TDbContext>((sp, db) => db.AddInterceptors(sp.GetRequiredService<OutboxNotifyInterceptor>()));

        // Hosted services start in order: topics and model checks complete before relay and consumer run.
        services.AddHostedService<MessagingStartup<TDbContext>>();
        if (options.RelayEnabled) services.AddHostedService<OutboxRelay<TDbContext>>();
        services.AddHostedService<IntegrationEventConsumer<TDbContext>>();
        services.AddHostedService<BroadcastConsumer>();
        return new EventBusBuilder(builder, options, subscriptions, broadcasts);
    }

    /// <summary>
    /// Registers only the receiving end of broadcast subscriptions, for a service without a database
    /// (the storefront): no outbox, inbox or dead letters, so it cannot publish and it has no
    /// <see cref="EventBusBuilder.AddSubscription{TEvent, THandler}"/>. Each process sees what is
    /// published while it runs. It does not create topics: the services that publish them do.
    /// Settings as in <see cref="AddEventBus{TDbContext}"/>.
    /// </summary>
    public static BroadcastEventBusBuilder AddBroadcastEventBus(
        this IHostApplicationBuilder builder, string connectionName, Action<EventBusOptions>? configure = null)
    {
        var options = ResolveOptions(builder, connectionName, configure);
        var broadcasts = new BroadcastSubscriptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(broadcasts);
        services.AddScoped<ICorrelationContext, CorrelationContext>();
        services.AddHostedService<BroadcastConsumer>();
        return new BroadcastEventBusBuilder(builder, options, broadcasts);
    }

    private static EventBusOptions ResolveOptions(IHostApplicationBuilder builder, string connectionName, Action<EventBusOptions>? configure)
    {
        var options = new EventBusOptions { ServiceName = DefaultServiceName(builder.Environment.ApplicationName) };
        builder.Configuration.GetSection("Messaging").Bind(options);
        if (string.IsNullOrEmpty(options.BootstrapServers))
            options.BootstrapServers = builder.Configuration.GetConnectionString(connectionName) ?? "";
        configure?.Invoke(options);
        if (string.IsNullOrEmpty(options.BootstrapServers))
            throw new InvalidOperationException($"Kafka bootstrap servers missing: set ConnectionStrings:{connectionName}.");
        if (string.IsNullOrEmpty(options.ServiceName))
            throw new InvalidOperationException("EventBusOptions.ServiceName is required.");
        if (options.EffectiveConsumerGroup == OutboxDeadLetters.Group)
            throw new InvalidOperationException($"Consumer group \"{OutboxDeadLetters.Group}\" is reserved for the outbox's dead letters.");
        if (ReferenceEquals(options.Topics, GroceryTopics.Registry))
            options.Topics.EnsureDeclaresAll(typeof(IIntegrationEvent).Assembly);
        return options;
    }

    // "Grocery.Ordering" → "ordering": the CloudEvents source and the consumer group.
    private static string DefaultServiceName(string applicationName)
    {
        var name = applicationName.StartsWith("Grocery.", StringComparison.Ordinal) ? applicationName["Grocery.".Length..] : applicationName;
        return name.ToLowerInvariant();
    }
}
