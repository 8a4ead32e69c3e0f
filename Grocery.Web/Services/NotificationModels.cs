namespace Grocery.Web.Services;

/// <summary>One of the shopper's notifications as Notifications serves it; the title and body are already in the shopper's language.</summary>
public sealed record ShopperNotification(
    Guid Id,
    string Kind,
    Guid? OrderId,
    string Title,
    string Body,
    string? Link,
    DateTimeOffset CreatedAt,
    bool Read,
    DateTimeOffset? ReadAt);

/// <summary>One page of notifications, newest first, with how many are unread in all.</summary>
public sealed record NotificationPage(IReadOnlyList<ShopperNotification> Items, int Page, int PageSize, int Total, int Unread)
{
    public int Pages => PageSize < 1 ? 1 : Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Email on or off per kind; every kind is always shown in the app.</summary>
public sealed record NotificationPreferences(IReadOnlyDictionary<string, bool> Email, IReadOnlyDictionary<string, bool> InApp);
