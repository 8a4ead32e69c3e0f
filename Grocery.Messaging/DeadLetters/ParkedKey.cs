namespace Grocery.Messaging.DeadLetters;

/// <summary>A key whose messages wait behind an unresolved dead letter.</summary>
public sealed record ParkedKey(string Topic, string Key, long DeadLetterId, int ParkedMessages, DateTimeOffset BlockedSince,
    DeadLetterSource Source = DeadLetterSource.Consumer);
