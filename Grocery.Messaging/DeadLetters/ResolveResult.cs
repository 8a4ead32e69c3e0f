namespace Grocery.Messaging.DeadLetters;

public enum ResolveStatus
{
    Resolved,
    NotFound,
    /// <summary>The dead letter was already replayed or discarded.</summary>
    AlreadyResolved,
    /// <summary>The replayed message failed again; it stays dead-lettered.</summary>
    Failed,
}

/// <param name="ParkedProcessed">Parked messages of the key that were handled after the dead letter; for an outbox dead letter, the key's held rows released to the relay.</param>
/// <param name="NewDeadLetterId">A parked message that failed and now blocks the key in turn.</param>
public sealed record ResolveResult(ResolveStatus Status, long DeadLetterId, int ParkedProcessed = 0, long? NewDeadLetterId = null, string? Error = null);
