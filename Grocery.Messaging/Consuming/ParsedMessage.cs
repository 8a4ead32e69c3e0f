namespace Grocery.Messaging.Consuming;

internal enum ParseOutcome
{
    Handled,
    /// <summary>No subscription for this type: nothing to do, nothing to remember.</summary>
    NotSubscribed,
    Invalid,
}

internal sealed record ParsedMessage(
    IncomingMessage Raw,
    ParseOutcome Outcome,
    CloudEventEnvelope? Envelope,
    IIntegrationEvent? Event,
    IReadOnlyList<Subscription> Handlers,
    string? Error)
{
    public string MessageId => Envelope?.Id ?? Raw.FallbackId;

    public string EventType => Envelope?.Type ?? "";
}
