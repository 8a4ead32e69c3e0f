namespace Grocery.Messaging.Storage;

internal sealed class ParkedMessage
{
    public long Id { get; set; }
    public required string ConsumerGroup { get; set; }
    public required string Topic { get; set; }
    public int Partition { get; set; }
    public long Offset { get; set; }
    public required string PartitionKey { get; set; }
    public required string MessageId { get; set; }
    public required string Payload { get; set; }
    public DateTimeOffset ParkedAt { get; set; }
}
