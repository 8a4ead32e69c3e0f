namespace Grocery.Messaging.Consuming;

internal sealed class SubscriptionRegistry
{
    private readonly Dictionary<string, List<Subscription>> _byTypeName = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Topics => _byTypeName.Values.SelectMany(s => s).Select(s => s.Registration.Topic.Name).Distinct().ToList();

    public void Add(Subscription subscription)
    {
        if (!_byTypeName.TryGetValue(subscription.Registration.TypeName, out var list))
            _byTypeName[subscription.Registration.TypeName] = list = [];
        if (list.Any(s => s.HandlerType == subscription.HandlerType))
            throw new InvalidOperationException($"{subscription.HandlerType.Name} is subscribed to {subscription.Registration.EventType.Name} twice.");
        list.Add(subscription);
    }

    public IReadOnlyList<Subscription>? Find(string typeName) => _byTypeName.GetValueOrDefault(typeName);
}
