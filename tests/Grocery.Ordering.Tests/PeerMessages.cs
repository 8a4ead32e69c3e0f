using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;
using Grocery.Contracts;
using Grocery.Messaging.Topics;

namespace Grocery.Ordering.Tests;

/// <summary>
/// Kafka messages as Inventory or Delivery would publish them (CloudEvents envelope on the event's
/// declared topic and key), for stand-ins of those services in tests and the checkout bench.
/// </summary>
public static class PeerMessages
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static (string Topic, Message<string, string> Message) Create(IIntegrationEvent @event, string source)
    {
        var registration = GroceryTopics.Registry.Get(@event.GetType());
        var envelope = new
        {
            specversion = "1.0",
            id = Guid.NewGuid().ToString(),
            type = registration.TypeName,
            source,
            time = DateTimeOffset.UtcNow,
            subject = @event.PartitionKey,
            datacontenttype = "application/json",
            correlationid = Guid.NewGuid().ToString(),
            causationid = (string?)null,
            traceparent = (string?)null,
            data = JsonSerializer.SerializeToElement(@event, @event.GetType(), Json),
        };
        return (registration.Topic.Name, new Message<string, string> { Key = @event.PartitionKey, Value = JsonSerializer.Serialize(envelope, Json) });
    }

    public static string TypeName<TEvent>() => GroceryTopics.Registry.Get(typeof(TEvent)).TypeName;
}
