namespace Grocery.Notifications.Domain;

/// <summary>What happened to the email copy of a notification (the in-app copy always exists).</summary>
public enum EmailOutcome
{
    /// <summary>Waiting in the mail queue (outgoing_mails) to be sent, retried or replayed.</summary>
    Queued,
    Sent,
    TurnedOff,
    NoAddress,
}
