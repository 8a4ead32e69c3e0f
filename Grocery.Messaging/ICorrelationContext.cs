namespace Grocery.Messaging;

/// <summary>
/// Correlation of the current unit of work (scoped). Events added to the outbox carry its
/// correlation id and causation id; while a handler runs, the correlation id is the incoming
/// message's and the causation id is the incoming message id.
/// </summary>
public interface ICorrelationContext
{
    string CorrelationId { get; }

    string? CausationId { get; }

    void Set(string correlationId, string? causationId);
}
