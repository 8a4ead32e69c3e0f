using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>
/// A user signed in through the real Identity service. Clients of every service carry the user's
/// access token, which is refreshed through Identity before it can expire during a long run.
/// </summary>
public class UserSession(GroceryAppFixture system, Guid userId, string email, string password, TokenResponse tokens)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private TokenResponse _tokens = tokens;
    private DateTimeOffset _expiresAt = DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn);

    protected GroceryAppFixture System { get; } = system;

    public Guid UserId { get; } = userId;

    public string Email { get; } = email;

    public string Password { get; } = password;

    public string AccessToken => _tokens.AccessToken;

    /// <summary>A client of the service's http endpoint, authenticated as this user.</summary>
    public async Task<HttpClient> ClientAsync(string service, CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow + RefreshMargin >= _expiresAt) await RefreshAsync(ct);
        var client = _clients.GetOrAdd(service, System.CreateHttpClient);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.AccessToken);
        return client;
    }

    /// <summary>Takes a new access token now, so a change of roles or warehouse made meanwhile is in it.</summary>
    public Task RenewAsync(CancellationToken ct) => RefreshAsync(ct, force: true);

    private async Task RefreshAsync(CancellationToken ct, bool force = false)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            if (!force && DateTimeOffset.UtcNow + RefreshMargin < _expiresAt) return;
            using var identity = System.CreateHttpClient(ResourceNames.Identity);
            var response = await (await identity.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = _tokens.RefreshToken }, ApiJson.Options, ct))
                .ExpectAsync(HttpStatusCode.OK);
            _tokens = await response.ReadAsync<TokenResponse>(ct);
            _expiresAt = DateTimeOffset.UtcNow.AddSeconds(_tokens.ExpiresIn);
        }
        finally
        {
            _refresh.Release();
        }
    }
}
