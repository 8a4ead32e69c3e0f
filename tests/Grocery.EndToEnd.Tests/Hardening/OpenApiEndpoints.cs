using System.Net;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// Reads every service's OpenAPI document, so an endpoint added to a service is swept without
/// editing the tests. Schemas are resolved against the document's components.
/// </summary>
public static class OpenApiEndpoints
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static async Task<IReadOnlyList<SweptEndpoint>> ReadAsync(GroceryAppFixture system, CancellationToken ct)
    {
        var endpoints = new List<SweptEndpoint>();
        foreach (var service in ResourceNames.Services)
        {
            using var client = system.CreateHttpClient(service);
            var response = await (await client.GetAsync("/openapi/v1.json", ct)).ExpectAsync(HttpStatusCode.OK);
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
            endpoints.AddRange(Operations(service, document));
        }
        return endpoints;
    }

    private static IEnumerable<SweptEndpoint> Operations(string service, JsonNode document)
    {
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is not { } operation) continue;
                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => Resolve(document, p!))
                    .Select(p => new SweptParameter((string)p["name"]!, (string)p["in"]!, p["schema"] is { } s ? Resolve(document, s) : null))
                    .ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(document, schema) : null;
                yield return new SweptEndpoint(service, method.ToUpperInvariant(), template, parameters, body);
            }
        }
    }

    /// <summary>Follows a local <c>$ref</c> (one level is enough for the skeletons built from it).</summary>
    public static JsonNode Resolve(JsonNode document, JsonNode node)
    {
        while (node["$ref"] is { } reference)
        {
            var path = ((string)reference!).TrimStart('#', '/').Split('/');
            node = path.Aggregate(document.Root, (current, segment) => current[segment]!);
        }
        return node;
    }
}
