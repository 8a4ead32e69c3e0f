using Grocery.Messaging.Storage;

namespace Grocery.Messaging.DeadLetters;

/// <summary>What ops can see and do with this service's dead letters (also exposed by MapDeadLetterApi).</summary>
public interface IDeadLetterOperations
{
    Task<IReadOnlyList<DeadLetterSummary>> ListAsync(DeadLetterStatus? status, int limit, CancellationToken cancellationToken);

    Task<DeadLetterDetails?> GetAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<ParkedKey>> ListParkedKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Handles the dead letter again, then the key's parked messages in their original order. An
    /// outbox dead letter is queued for the relay again, ahead of its key's held rows; if Kafka
    /// refuses it again, the same dead letter is pending again with one more attempt.
    /// </summary>
    Task<ResolveResult> ReplayAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the dead letter, then handles the key's parked messages in their original order. An
    /// outbox dead letter's row is deleted unpublished and the key's held rows are published.
    /// </summary>
    Task<ResolveResult> DiscardAsync(long id, CancellationToken cancellationToken);
}
