namespace Grocery.Notifications.Domain;

/// <summary>What a notification tells the shopper; each kind has its own email switch.</summary>
public enum NotificationKind
{
    OrderConfirmed,
    ItemsChanged,
    OutForDelivery,
    Delivered,
    OrderCancelled,
    PaymentActionNeeded,
}

/// <summary>The kinds' names in the API and the templates ("orderConfirmed"), one place for both directions.</summary>
public static class NotificationKinds
{
    public static readonly IReadOnlyList<NotificationKind> All = Enum.GetValues<NotificationKind>();

    public static string Name(this NotificationKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static bool TryParse(string? name, out NotificationKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
