using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Grocery.System.Bench;

/// <summary>One caller of the gateway with its own token; every answer other than the expected statuses stops the bench.</summary>
public sealed class Api(HttpClient http, string? token)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Requests sent so far by method and path with ids and the query left out, to tell which calls an order costs.</summary>
    public static ConcurrentDictionary<string, int> Requests { get; } = new();

    public string? Token { get; } = token;

    public async Task<JsonNode> SendAsync(HttpMethod method, string url, object? body, CancellationToken ct, string? idempotencyKey = null,
        params HttpStatusCode[] expected)
    {
        Requests.AddOrUpdate($"{method} {RouteShape(url)}", 1, (_, n) => n + 1);
        using var request = new HttpRequestMessage(method, url);
        if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is string csv) request.Content = new StringContent(csv, global::System.Text.Encoding.UTF8, "text/csv");
        else if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var ok = expected.Length == 0 ? response.IsSuccessStatusCode : expected.Contains(response.StatusCode);
        if (!ok) throw new BenchFailure($"{method} {url} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 600)]}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static string RouteShape(string url) =>
        string.Join('/', url.Split('?')[0].Split('/').Select(segment => Guid.TryParse(segment, out _) || int.TryParse(segment, out _) ? "{id}" : segment));

    public Task<JsonNode> GetAsync(string url, CancellationToken ct) => SendAsync(HttpMethod.Get, url, null, ct);

    public Task<JsonNode> PostAsync(string url, object? body, CancellationToken ct, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, url, body, ct, idempotencyKey);

    public Task<JsonNode> PutAsync(string url, object? body, CancellationToken ct) => SendAsync(HttpMethod.Put, url, body, ct);
}

public sealed class BenchFailure(string message) : Exception(message);
