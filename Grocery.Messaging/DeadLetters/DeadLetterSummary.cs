using Grocery.Messaging.Storage;

namespace Grocery.Messaging.DeadLetters;

/// <param name="ParkedBehind">Later messages of the key waiting behind it: parked consumed messages, or held outbox rows.</param>
public sealed record DeadLetterSummary(
    long Id,
    string Topic,
    int Partition,
    long Offset,
    string Key,
    string MessageId,
    string? Type,
    string Error,
    int Attempts,
    DeadLetterStatus Status,
    DateTimeOffset DeadLetteredAt,
    DateTimeOffset? ResolvedAt,
    int ParkedBehind,
    DeadLetterSource Source = DeadLetterSource.Consumer);
