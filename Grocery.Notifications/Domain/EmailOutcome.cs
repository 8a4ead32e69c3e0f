namespace Grocery.Notifications.Domain;

/// <summary>What happened to the email copy of a notification (the in-app copy always exists).</summary>
public enum EmailOutcome
{
    Sent,
    TurnedOff,
    NoAddress,
}
