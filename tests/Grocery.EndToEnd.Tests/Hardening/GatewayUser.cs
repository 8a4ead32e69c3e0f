using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// Somebody talking to the public gateway as a shopper would, each request from an address of its
/// own (so per-address limits never decide a sweep), with the bearer token of their account if any.
/// </summary>
public sealed class GatewayUser(GroceryAppFixture system, string? accessToken)
{
    public string? AccessToken { get; } = accessToken;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var client = ClientAddresses.GatewayClient(system, ClientAddresses.Next());
        if (AccessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (request.Method != HttpMethod.Get && !request.Headers.Contains("Idempotency-Key"))
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await client.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) }, ct);

    public async Task<JsonNode> ExpectJsonAsync(HttpMethod method, string url, object? body, CancellationToken ct, params HttpStatusCode[] expected)
    {
        var response = await (await SendAsync(method, url, body, ct)).ExpectAsync(expected.Length == 0 ? [HttpStatusCode.OK] : expected);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
    }

    /// <summary>Registers a new account through the gateway and signs it in.</summary>
    public static async Task<(GatewayUser User, Guid Id, string Email, string Password, string RefreshToken)> RegisterAsync(
        GroceryAppFixture system, string label, CancellationToken ct)
    {
        var anonymous = new GatewayUser(system, null);
        var email = $"sweep-{label}-{Guid.NewGuid():N}@example.com";
        var password = $"Pw-{Guid.NewGuid():N}";
        var registered = await anonymous.ExpectJsonAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password, name = $"Sweep {label}" }, ct, HttpStatusCode.Created);
        var tokens = await anonymous.ExpectJsonAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password }, ct);
        return (new GatewayUser(system, (string)tokens["accessToken"]!), (Guid)registered["id"]!, email, password, (string)tokens["refreshToken"]!);
    }
}
