namespace Grocery.Messaging.Storage;

public enum DeadLetterStatus
{
    /// <summary>Unresolved: later messages with the same key are parked behind it.</summary>
    Pending = 0,
    Replayed = 1,
    Discarded = 2,
}
