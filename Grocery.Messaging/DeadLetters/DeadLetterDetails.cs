namespace Grocery.Messaging.DeadLetters;

public sealed record DeadLetterDetails(DeadLetterSummary Summary, string Payload);
