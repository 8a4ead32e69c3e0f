using System.Text.Json;
using Grocery.Messaging.Telemetry;

namespace Grocery.Messaging.Consuming;

/// <summary>Reads envelopes and runs the subscribed handlers of one message.</summary>
internal sealed class MessageDispatcher(SubscriptionRegistry subscriptions)
{
    public ParsedMessage Parse(IncomingMessage message)
    {
        if (!MessagingJson.TryParseEnvelope(message.Value, out var envelope, out var error))
            return new ParsedMessage(message, ParseOutcome.Invalid, null, null, [], error);
        var handlers = subscriptions.Find(envelope!.Type);
        if (handlers is null)
            return new ParsedMessage(message, ParseOutcome.NotSubscribed, envelope, null, [], null);
        try
        {
            var @event = (IIntegrationEvent?)envelope.Data.Deserialize(handlers[0].Registration.EventType, MessagingJson.Options);
            return @event is null
                ? new ParsedMessage(message, ParseOutcome.Invalid, envelope, null, handlers, "The event data is null.")
                : new ParsedMessage(message, ParseOutcome.Handled, envelope, @event, handlers, null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return new ParsedMessage(message, ParseOutcome.Invalid, envelope, null, handlers, $"Undeserialisable {envelope.Type}: {e.Message}");
        }
    }

    public async Task InvokeAsync(IServiceProvider services, ParsedMessage message, int attempt, bool replay, CancellationToken cancellationToken)
    {
        var envelope = message.Envelope!;
        var raw = message.Raw;
        using var activity = MessagingTelemetry.ActivitySource.StartActivity(
            $"{raw.Topic} process", ActivityKind.Consumer, MessagingTelemetry.ParseParent(raw.Traceparent ?? envelope.Traceparent));
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", raw.Topic);
        activity?.SetTag("messaging.message.id", envelope.Id);
        activity?.SetTag("messaging.kafka.message.key", raw.Key);

        services.GetRequiredService<ICorrelationContext>().Set(envelope.CorrelationId, envelope.Id);
        var context = new IntegrationEventContext(envelope.Id, envelope.Type, envelope.Source, envelope.Time, raw.Key,
            envelope.CorrelationId, envelope.CausationId, raw.Topic, raw.Partition, raw.Offset, attempt, replay);
        foreach (var handler in message.Handlers)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await handler.Invoke(services, message.Event!, context, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                throw new HandlerFailedException($"{handler.HandlerType.Name} failed on {envelope.Type} {envelope.Id}: {e.Message}", e);
            }
            finally
            {
                MessagingTelemetry.HandlerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>("handler", handler.HandlerType.Name),
                    new KeyValuePair<string, object?>("event_type", envelope.Type));
            }
        }
    }
}
