namespace Grocery.Messaging.Storage;

internal sealed class DeadLetter
{
    public long Id { get; set; }
    public required string ConsumerGroup { get; set; }
    public required string Topic { get; set; }
    public int Partition { get; set; }
    public long Offset { get; set; }
    public required string PartitionKey { get; set; }
    public required string MessageId { get; set; }
    public string? EventType { get; set; }
    public required string Payload { get; set; }
    public required string Error { get; set; }
    public int Attempts { get; set; }
    public DeadLetterStatus Status { get; set; }
    public DateTimeOffset DeadLetteredAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
