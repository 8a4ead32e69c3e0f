namespace Grocery.Messaging.Storage;

internal sealed class InboxMessage
{
    public required string ConsumerGroup { get; set; }
    public required string MessageId { get; set; }
    public required string EventType { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}
