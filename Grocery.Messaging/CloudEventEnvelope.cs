using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grocery.Messaging;

/// <summary>CloudEvents 1.0 structured-mode JSON with correlation extensions.</summary>
internal sealed record CloudEventEnvelope(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    string Id,
    string Type,
    string Source,
    DateTimeOffset Time,
    string Subject,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    [property: JsonPropertyName("correlationid")] string CorrelationId,
    [property: JsonPropertyName("causationid")] string? CausationId,
    string? Traceparent,
    JsonElement Data);
