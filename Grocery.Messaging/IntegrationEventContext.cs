namespace Grocery.Messaging;

/// <summary>Envelope and transport facts of the message being handled.</summary>
public sealed record IntegrationEventContext(
    string MessageId,
    string Type,
    string Source,
    DateTimeOffset Time,
    string Key,
    string CorrelationId,
    string? CausationId,
    string Topic,
    int Partition,
    long Offset,
    int Attempt,
    bool IsReplay);
