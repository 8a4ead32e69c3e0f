namespace Grocery.Notifications.Domain;

/// <summary>
/// One message to one shopper, shown in the app and (unless turned off) sent by email. The text is
/// rendered in the shopper's language when the event arrives, so the list never needs Identity.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
        Title = "";
        Body = "";
        SourceMessageId = "";
    }

    public Notification(Guid userId, Guid? orderId, NotificationKind kind, string language, string title, string body, string? link,
        string sourceMessageId, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        UserId = userId;
        OrderId = orderId;
        Kind = kind;
        Language = language;
        Title = title;
        Body = body;
        Link = link;
        SourceMessageId = sourceMessageId;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid? OrderId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Language { get; private set; } = ShopperLanguage.Default;

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string? Link { get; private set; }

    /// <summary>The integration event this notification answers; one notification per event.</summary>
    public string SourceMessageId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public EmailOutcome Email { get; private set; }

    public bool IsRead => ReadAt is not null;

    public void RecordEmail(EmailOutcome outcome) => Email = outcome;

    /// <summary>Reading twice keeps the first time, to the microsecond as PostgreSQL keeps it.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at.AddTicks(-(at.Ticks % 10));
}
