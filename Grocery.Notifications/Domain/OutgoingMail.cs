using Grocery.Notifications.Templates;

namespace Grocery.Notifications.Domain;

/// <summary>
/// The email copy of one notification, queued in the handler's transaction and sent later by
/// <see cref="Email.OutgoingMailSender"/>, so a relay outage never holds back the in-app copy. It keeps
/// the rendered draft and the language, never the address or the name: those are asked from Identity
/// when the mail is sent.
/// </summary>
public sealed class OutgoingMail
{
    private OutgoingMail()
    {
        Draft = null!;
        MessageId = "";
    }

    public OutgoingMail(Notification notification, MessageDraft draft, string? orderNumber, DateTimeOffset now)
    {
        NotificationId = notification.Id;
        UserId = notification.UserId;
        Kind = notification.Kind;
        Language = notification.Language;
        OrderNumber = orderNumber;
        Draft = draft;
        MessageId = MessageIdFor(notification.Id);
        Status = OutgoingMailStatus.Pending;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    /// <summary>One mail per notification: the notification's id is the mail's.</summary>
    public Guid NotificationId { get; private set; }

    public Guid UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Language { get; private set; } = ShopperLanguage.Default;

    public string? OrderNumber { get; private set; }

    public MessageDraft Draft { get; private set; }

    /// <summary>
    /// Derived from the notification, so a mail sent twice (a crash between the relay's answer and the
    /// commit that marks it sent) carries the same Message-ID and is recognisably one mail.
    /// </summary>
    public string MessageId { get; private set; }

    public OutgoingMailStatus Status { get; private set; }

    /// <summary>Sends tried so far, the successful one included.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Why the last send failed; names the relay and the failure, never the recipient.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset? ParkedAt { get; private set; }

    public static string MessageIdFor(Guid notificationId) => $"{notificationId:N}@notifications.grocery.local";

    public void Attempting() => Attempts++;

    public void Sent(DateTimeOffset at)
    {
        Status = OutgoingMailStatus.Sent;
        SentAt = at;
        LastError = null;
    }

    /// <summary>Waits <paramref name="retryIn"/> before the next try, or is parked for an admin when <paramref name="park"/>.</summary>
    public void Failed(string error, DateTimeOffset at, bool park, TimeSpan retryIn)
    {
        LastError = error.Length > NotificationsLimits.MailErrorLength ? error[..NotificationsLimits.MailErrorLength] : error;
        if (park)
        {
            Status = OutgoingMailStatus.Parked;
            ParkedAt = at;
        }
        else NextAttemptAt = at + retryIn;
    }

    /// <summary>Nothing to send any more (the account is gone or has no address), or an admin gave up on it.</summary>
    public void Discard(string reason, DateTimeOffset at)
    {
        Status = OutgoingMailStatus.Discarded;
        LastError = reason;
        ParkedAt ??= at;
    }
}

public enum OutgoingMailStatus
{
    /// <summary>Waiting for its next attempt at <see cref="OutgoingMail.NextAttemptAt"/>.</summary>
    Pending,
    Sent,
    /// <summary>Failed every attempt; waits for an admin to replay or discard it.</summary>
    Parked,
    Discarded,
}
