namespace Grocery.Messaging.Consuming;

/// <summary>Subscriptions every replica receives (cache invalidation), kept apart from the group's.</summary>
internal sealed class BroadcastSubscriptions
{
    public SubscriptionRegistry Registry { get; } = new();
}
