using Grocery.Notifications.Domain;

namespace Grocery.Notifications.Apis;

public sealed record NotificationResponse(
    Guid Id,
    string Kind,
    Guid? OrderId,
    string Title,
    string Body,
    string? Link,
    DateTimeOffset CreatedAt,
    bool Read,
    DateTimeOffset? ReadAt)
{
    internal static NotificationResponse From(Notification n) =>
        new(n.Id, n.Kind.Name(), n.OrderId, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt is not null, n.ReadAt);
}

/// <summary>One page of the shopper's notifications, newest first, with how many are unread in all.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationResponse> Items, int Page, int PageSize, int Total, int Unread);

/// <summary>
/// Email on or off per kind ("outForDelivery": false). Kinds left out keep their setting; the in-app
/// copy cannot be turned off, every kind being about the shopper's own order.
/// </summary>
public sealed record UpdateNotificationPreferencesRequest(Dictionary<string, bool>? Email);

public sealed record NotificationPreferencesResponse(IReadOnlyDictionary<string, bool> Email, IReadOnlyDictionary<string, bool> InApp);
