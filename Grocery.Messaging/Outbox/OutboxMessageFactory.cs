using System.Text.Json;
using Grocery.Messaging.Storage;

namespace Grocery.Messaging.Outbox;

internal sealed class OutboxMessageFactory(EventBusOptions options, TimeProvider timeProvider)
{
    public OutboxMessage Create(IIntegrationEvent @event, ICorrelationContext correlation)
    {
        var registration = options.Topics.Get(@event.GetType());
        var key = @event.PartitionKey;
        if (string.IsNullOrEmpty(key))
            throw new InvalidOperationException($"{registration.EventType.Name} has an empty partition key ({registration.KeyName}).");
        var id = Guid.CreateVersion7();
        var now = timeProvider.GetUtcNow();
        var traceparent = Activity.Current?.Id;
        var envelope = new CloudEventEnvelope(
            SpecVersion: "1.0",
            Id: id.ToString(),
            Type: registration.TypeName,
            Source: "/grocery/" + options.ServiceName,
            Time: now,
            Subject: key,
            DataContentType: "application/json",
            CorrelationId: correlation.CorrelationId,
            CausationId: correlation.CausationId,
            Traceparent: traceparent,
            Data: JsonSerializer.SerializeToElement(@event, registration.EventType, MessagingJson.Options));
        return new OutboxMessage
        {
            MessageId = id,
            Topic = registration.Topic.Name,
            PartitionKey = key,
            EventType = registration.TypeName,
            Payload = JsonSerializer.Serialize(envelope, MessagingJson.Options),
            Traceparent = traceparent,
            CreatedAt = now,
        };
    }
}
