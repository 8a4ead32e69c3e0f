namespace Grocery.Web.Services;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

public sealed record RegisteredUser(Guid Id, string Email);

/// <summary>
/// Registers and signs shoppers in at Identity. The shopper's own address is forwarded, and Identity
/// trusts Web (loopback) as a proxy, so its sign-in limits count per shopper rather than per Web replica.
/// </summary>
public sealed class IdentityClient(HttpClient http)
{
    public async Task<ApiResult<RegisteredUser>> RegisterAsync(string email, string password, string? name, string? clientAddress, CancellationToken cancellationToken = default)
    {
        using var request = Forwarded(ApiJson.Request(HttpMethod.Post, "/api/v1/auth/register", null, new { email, password, name }), clientAddress);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<RegisteredUser>.FromAsync(response, cancellationToken);
    }

    public async Task<ApiResult<TokenResponse>> LoginAsync(string email, string password, string? clientAddress, CancellationToken cancellationToken = default)
    {
        using var request = Forwarded(ApiJson.Request(HttpMethod.Post, "/api/v1/auth/login", null, new { email, password }), clientAddress);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<TokenResponse>.FromAsync(response, cancellationToken);
    }

    public async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, "/api/v1/auth/refresh", null, new { refreshToken });
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TokenResponse>(ApiJson.Options, cancellationToken) : null;
    }

    public async Task LogoutAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, "/api/v1/auth/logout", null, new { refreshToken });
        using var response = await http.SendAsync(request, cancellationToken);
    }

    private static HttpRequestMessage Forwarded(HttpRequestMessage request, string? clientAddress)
    {
        if (!string.IsNullOrEmpty(clientAddress)) request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress);
        return request;
    }
}
