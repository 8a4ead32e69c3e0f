namespace Grocery.Messaging.TestWorker;

/// <summary>One handler run, in commit order, for assertions on ordering and tracing.</summary>
public sealed class HandledMessage
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public int Sequence { get; set; }
    public required string MessageId { get; set; }
    public string? TraceId { get; set; }
    public string? CorrelationId { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset HandledAt { get; set; }
}
