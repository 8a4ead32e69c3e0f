using System.Reflection;

namespace Grocery.Messaging.Topics;

/// <summary>
/// Which topic each event type travels on and what it is keyed by. Publishing or subscribing an
/// event type that is not declared here fails.
/// </summary>
public sealed class TopicRegistry
{
    private readonly Dictionary<string, TopicDefinition> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, EventRegistration> _byType = [];
    private readonly Dictionary<string, EventRegistration> _byTypeName = new(StringComparer.Ordinal);

    public IReadOnlyCollection<TopicDefinition> Topics => _topics.Values;

    public IReadOnlyCollection<EventRegistration> Events => _byType.Values;

    public TopicRegistry Topic(string name, int partitions, Action<TopicEvents> declareEvents)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (!_topics.TryAdd(name, new TopicDefinition(name, partitions)))
            throw new InvalidOperationException($"Topic '{name}' is declared twice.");
        declareEvents(new TopicEvents(this, _topics[name]));
        return this;
    }

    public EventRegistration Get(Type eventType) =>
        _byType.TryGetValue(eventType, out var registration)
            ? registration
            : throw new InvalidOperationException(
                $"Event type {eventType.FullName} is not declared in the topic registry; declare it on its publisher's topic.");

    public bool TryGet(string typeName, out EventRegistration registration) =>
        _byTypeName.TryGetValue(typeName, out registration!);

    /// <summary>Fails when an integration event type in <paramref name="assembly"/> has no topic.</summary>
    public void EnsureDeclaresAll(Assembly assembly)
    {
        var missing = assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t) && !_byType.ContainsKey(t))
            .Select(t => t.FullName)
            .ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Integration events without a topic: {string.Join(", ", missing)}.");
    }

    private void Add(EventRegistration registration)
    {
        if (_byType.ContainsKey(registration.EventType))
            throw new InvalidOperationException($"Event type {registration.EventType.FullName} is declared twice.");
        if (!_byTypeName.TryAdd(registration.TypeName, registration))
            throw new InvalidOperationException($"Event type name '{registration.TypeName}' is declared twice.");
        _byType.Add(registration.EventType, registration);
    }

    public sealed class TopicEvents
    {
        private readonly TopicRegistry _registry;
        private readonly TopicDefinition _topic;

        internal TopicEvents(TopicRegistry registry, TopicDefinition topic)
        {
            _registry = registry;
            _topic = topic;
        }

        /// <param name="keyName">The aggregate id the event's PartitionKey holds (orderId, sku, ...).</param>
        public TopicEvents Event<TEvent>(string keyName) where TEvent : IIntegrationEvent
        {
            var name = typeof(TEvent).Name;
            if (name.EndsWith("IntegrationEvent", StringComparison.Ordinal)) name = name[..^"IntegrationEvent".Length];
            var domain = _topic.Name.EndsWith(".events", StringComparison.Ordinal) ? _topic.Name[..^".events".Length] : _topic.Name;
            _registry.Add(new EventRegistration(typeof(TEvent), $"grocery.{domain}.{name}", _topic, keyName));
            return this;
        }
    }
}
