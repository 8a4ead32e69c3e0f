namespace Grocery.Messaging;

internal sealed class CorrelationContext : ICorrelationContext
{
    private string? _correlationId;

    // Outside a handler (an HTTP request), the trace id ties the events of one request together.
    public string CorrelationId => _correlationId ??= Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");

    public string? CausationId { get; private set; }

    public void Set(string correlationId, string? causationId)
    {
        _correlationId = correlationId;
        CausationId = causationId;
    }
}
