using Grocery.Messaging.Storage;

namespace Grocery.Messaging.DeadLetters;

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
    int ParkedBehind);
