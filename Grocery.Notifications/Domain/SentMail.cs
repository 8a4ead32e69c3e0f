namespace Grocery.Notifications.Domain;

/// <summary>
/// A mail the SMTP server accepted, recorded outside the handler's transaction: if that transaction
/// rolls back after the send (a batch falling back to one message at a time, a lost commit), the
/// retry finds this row and does not send again.
/// </summary>
public sealed class SentMail(string deliveryKey, DateTimeOffset sentAt)
{
    public string DeliveryKey { get; private set; } = deliveryKey;

    public DateTimeOffset SentAt { get; private set; } = sentAt;
}
