using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Grocery.Testing;

public static class JsonBodies
{
    /// <summary>
    /// The body with the patch's properties in place of its own, spliced as text: a patch may hold what no
    /// JSON writer produces (an unpaired surrogate escape), which is exactly what a client can send.
    /// </summary>
    public static StringContent Patched(JsonObject body, string patch)
    {
        var replaced = JsonDocument.Parse(patch).RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        var rest = new JsonObject(body.Where(p => !replaced.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var patchText = patch.Trim();
        var text = rest.Count == 0 ? patchText : patchText[..^1] + "," + rest.ToJsonString()[1..];
        return new StringContent(text, Encoding.UTF8, "application/json");
    }
}
