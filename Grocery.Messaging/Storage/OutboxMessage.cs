namespace Grocery.Messaging.Storage;

internal sealed class OutboxMessage
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public required string Topic { get; set; }
    public required string PartitionKey { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public string? Traceparent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
