using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grocery.Messaging;

internal static class MessagingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static bool TryParseEnvelope(ReadOnlySpan<byte> payload, out CloudEventEnvelope? envelope, out string? error)
    {
        try
        {
            envelope = JsonSerializer.Deserialize<CloudEventEnvelope>(payload, Options);
            error = envelope is null || string.IsNullOrEmpty(envelope.Id) || string.IsNullOrEmpty(envelope.Type)
                ? "The message is not a CloudEvents envelope (id and type are required)."
                : null;
        }
        catch (JsonException e)
        {
            envelope = null;
            error = $"Undeserialisable envelope: {e.Message}";
        }
        return error is null;
    }
}
