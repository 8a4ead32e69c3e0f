using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// Builds malformed bodies and query strings from a valid request: every field of the body (and of
/// the first element of each array of objects) gets wrong types, nulls, overflowing and negative
/// numbers, fractions, long strings, control characters and unknown enum names.
/// </summary>
public static class MalformedInputs
{
    public const int MinimumBodies = 30;
    public const int MinimumQueries = 20;

    // System.Text.Json will not write a lone surrogate, so it goes into the raw text afterwards.
    private const string LoneSurrogate = "__lone_surrogate__";

    private static readonly (string Name, string Raw)[] WholeBodies =
    [
        ("truncated object", "{"),
        ("empty body", ""),
        ("null body", "null"),
        ("array instead of object", "[]"),
        ("string instead of object", "\"text\""),
        ("number instead of object", "42"),
        ("unterminated property", "{\"a\":"),
        ("deep nesting", new string('[', 5000) + new string(']', 5000)),
        ("trailing garbage", "{} {}"),
        ("comment", "/* x */ {}"),
    ];

    private static readonly (string Name, Func<JsonNode?, JsonNode?> Value)[] FieldValues =
    [
        ("null", _ => null),
        ("wrong type", WrongType),
        ("number beyond double", _ => JsonNode.Parse("1e400")),
        ("number beyond decimal", _ => JsonNode.Parse("79228162514264337593543950336")),
        ("number beyond int", _ => JsonValue.Create(2147483648L)),
        ("number beyond numeric(18)", _ => JsonNode.Parse("99999999999999999999")),
        ("negative", _ => JsonValue.Create(-1)),
        ("fraction", _ => JsonValue.Create(0.5m)),
        ("tiny fraction", _ => JsonNode.Parse("0.0000000000000000000000001")),
        ("long string", _ => JsonValue.Create(new string('a', 100_000))),
        ("control characters", _ => JsonValue.Create("\u0000nul\u0001")),
        ("lone surrogate", _ => JsonValue.Create(LoneSurrogate)),
        ("unknown enum name", _ => JsonValue.Create("NotAValue")),
        ("unknown enum number", _ => JsonValue.Create(99)),
        ("empty string", _ => JsonValue.Create("")),
        ("array with a null", _ => new JsonArray((JsonNode?)null)),
        ("huge array", value => new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => value?.DeepClone() ?? JsonValue.Create("x"))])),
        ("object", _ => new JsonObject { ["a"] = 1 }),
    ];

    private static readonly (string Name, string Value)[] QueryValues =
    [
        ("not a number", "abc"), ("negative", "-1"), ("zero", "0"), ("beyond long", "99999999999999999999999"),
        ("fraction", "1.5"), ("nul", "%00"), ("long", new string('q', 5000)), ("empty", ""), ("json", "%7B%7D"),
        ("not a guid", "00000000-0000"), ("emoji", "%F0%9F%8D%8C"), ("bad escape", "%ZZ"), ("quote", "%27%20OR%201%3D1--"),
        ("control", "%01%02"), ("lone surrogate", "%ED%A0%80"), ("huge exponent", "1e400"),
    ];

    public static IReadOnlyList<MalformedInput> Bodies(Func<JsonObject> newValid, string query)
    {
        var valid = newValid();
        var inputs = WholeBodies.Select(b => new MalformedInput(b.Name, b.Raw, query, null)).ToList();
        var fields = Fields(valid, "").ToList();
        foreach (var (path, value) in fields)
        {
            foreach (var (name, make) in FieldValues)
            {
                var body = newValid();
                Set(body, path, make(value));
                inputs.Add(new MalformedInput($"{path}: {name}", Raw(body), query, path));
            }
        }
        // A body with no fields of its own still gets unknown and missing members.
        if (fields.Count == 0)
        {
            foreach (var (name, make) in FieldValues)
            {
                inputs.Add(new MalformedInput($"extra member: {name}", Raw(new JsonObject { ["extra"] = make(null) }), query, null));
            }
        }
        return inputs;
    }

    public static IReadOnlyList<MalformedInput> Queries(IReadOnlyDictionary<string, string> valid, IEnumerable<string> declared)
    {
        var names = valid.Keys.Concat(declared).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count == 0) return [];
        var inputs = new List<MalformedInput>();
        foreach (var name in names)
        {
            foreach (var (label, value) in QueryValues)
            {
                var query = valid.Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase))
                    .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}").Append($"{name}={value}");
                inputs.Add(new MalformedInput($"?{name}: {label}", null, string.Join('&', query), name));
            }
        }
        // The same parameter twice cannot bind to a single value.
        inputs.Add(new MalformedInput($"?{names[0]}: twice", null, $"{names[0]}=1&{names[0]}=2", names[0]));
        return inputs;
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Fields(JsonObject node, string prefix)
    {
        foreach (var (name, value) in node)
        {
            var path = prefix + name;
            yield return (path, value);
            if (value is JsonArray { Count: > 0 } array && array[0] is JsonObject first)
            {
                foreach (var inner in Fields(first, $"{path}[0].")) yield return inner;
            }
            else if (value is JsonObject child)
            {
                foreach (var inner in Fields(child, $"{path}.")) yield return inner;
            }
        }
    }

    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        JsonNode current = body;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length - 1; i++) current = Step(current, segments[i]);
        current.AsObject()[segments[^1]] = value;
    }

    private static JsonNode Step(JsonNode node, string segment) =>
        segment.EndsWith("[0]", StringComparison.Ordinal) ? node[segment[..^3]]![0]! : node[segment]!;

    private static JsonNode? WrongType(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => JsonValue.Create("abc"),
        JsonValueKind.String => JsonValue.Create(12345),
        JsonValueKind.True or JsonValueKind.False => JsonValue.Create("maybe"),
        JsonValueKind.Array => new JsonObject { ["a"] = 1 },
        JsonValueKind.Object => JsonValue.Create("text"),
        _ => JsonValue.Create(true),
    };

    /// <summary>A body that matches the schema's shape, for an endpoint that has no valid request on file.</summary>
    public static JsonObject Skeleton(JsonNode schema)
    {
        var node = Example(schema, depth: 0);
        return node as JsonObject ?? new JsonObject();
    }

    private static JsonNode? Example(JsonNode schema, int depth)
    {
        schema = OpenApiEndpoints.Resolve(schema.Root, schema);
        if (depth > 4) return null;
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonValue single => (string?)single,
            _ => schema["properties"] is not null ? "object" : null,
        };
        var format = (string?)schema["format"];
        return type switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Example(p.Value!, depth + 1)))),
            "array" => schema["items"] is { } items ? new JsonArray(Example(items, depth + 1)) : new JsonArray(),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(true),
            "string" when format == "uuid" => JsonValue.Create(Guid.Empty),
            "string" when format == "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.AddDays(1)),
            "string" when format == "date" => JsonValue.Create(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("O")),
            "string" => JsonValue.Create("x"),
            _ => null,
        };
    }

    private static string Raw(JsonObject body) => body.ToJsonString().Replace($"\"{LoneSurrogate}\"", "\"\\ud800x\"");

    public static byte[] Utf8(string? body) => body is null ? [] : Encoding.UTF8.GetBytes(body);
}
