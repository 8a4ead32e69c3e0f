using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grocery.Ordering.Clients;

internal static class RemoteJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
