namespace Grocery.Notifications.Domain;

/// <summary>
/// A shopper's email switch for one kind. No row means email is on; the in-app copy has no switch
/// because every kind is transactional.
/// </summary>
public sealed class NotificationPreference(Guid userId, NotificationKind kind, bool email)
{
    public Guid UserId { get; private set; } = userId;

    public NotificationKind Kind { get; private set; } = kind;

    public bool Email { get; set; } = email;
}
