namespace Grocery.Messaging.Consuming;

/// <summary>A message as consumed from Kafka, or as stored in a dead letter or parked row.</summary>
internal sealed record IncomingMessage(string Topic, int Partition, long Offset, string Key, byte[] Value, string? Traceparent)
{
    /// <summary>Assignment generation of the partition; stale completions after a rebalance are ignored.</summary>
    public int Epoch { get; init; }

    public string Payload => System.Text.Encoding.UTF8.GetString(Value);

    /// <summary>Stand-in id for a message whose envelope cannot be read.</summary>
    public string FallbackId => $"{Topic}:{Partition}:{Offset}";
}
