using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Grocery.ServiceDefaults.ServiceTokens;

/// <summary>
/// Obtains and caches this service's token from Identity (OAuth 2.0 client-credentials grant,
/// <c>POST /api/v1/auth/token</c>). One token is shared by every outgoing call until shortly before it expires.
/// </summary>
public sealed class ServiceTokenSource(
    IHttpClientFactory httpClientFactory,
    IOptions<ServiceTokenOptions> options,
    IConfiguration configuration,
    TimeProvider time)
{
    internal const string HttpClientName = "identity-service-token";

    private readonly SemaphoreSlim _renewal = new(1, 1);
    private volatile CachedToken? _cached;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && fresh.RenewAt > time.GetUtcNow()) return fresh.AccessToken;
        await _renewal.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } renewed && renewed.RenewAt > time.GetUtcNow()) return renewed.AccessToken;
            _cached = await RequestAsync(cancellationToken);
            return _cached.AccessToken;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>
    /// Forgets the cached token if it is still <paramref name="rejectedToken"/>, for example after a call was refused
    /// with 401 because Identity rotated its keys. A 401 that arrives after another call already renewed the token
    /// leaves the new one alone, so a burst of refusals costs one renewal, not one each.
    /// </summary>
    public void Invalidate(string rejectedToken)
    {
        var current = _cached;
        if (current is not null && current.AccessToken == rejectedToken) Interlocked.CompareExchange(ref _cached, null, current);
    }

    private async Task<CachedToken> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ClientId) || string.IsNullOrWhiteSpace(settings.ClientSecret))
            throw new InvalidOperationException(
                $"{ServiceTokenOptions.SectionName}:ClientId and {ServiceTokenOptions.SectionName}:ClientSecret must be set for service-to-service calls.");
        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.ClientId,
            ["client_secret"] = settings.ClientSecret,
        });
        var requestedAt = time.GetUtcNow();
        using var response = await client.PostAsync(ResolveTokenEndpoint(settings, configuration), form, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Identity refused the service token for client '{settings.ClientId}' ({(int)response.StatusCode}).",
                null, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new HttpRequestException("Identity answered the token request without a body.");
        var lifetime = TimeSpan.FromSeconds(Math.Max(token.ExpiresIn, 1));
        var renewBefore = settings.RenewBefore < lifetime / 2 ? settings.RenewBefore : lifetime / 2;
        return new CachedToken(token.AccessToken, requestedAt + lifetime - renewBefore);
    }

    internal static string ResolveTokenEndpoint(ServiceTokenOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.TokenEndpoint)) return options.TokenEndpoint;
        var identity = configuration[$"services:{ResourceNames.Identity}:http:0"]
            ?? configuration[$"services:{ResourceNames.Identity}:https:0"]
            ?? $"http://{ResourceNames.Identity}";
        return identity.TrimEnd('/') + "/api/v1/auth/token";
    }

    private sealed record CachedToken(string AccessToken, DateTimeOffset RenewAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
