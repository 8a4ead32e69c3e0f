using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.ServiceDefaults;

/// <summary>
/// When a token names a key this service has not seen (Identity just rotated), the bearer handler
/// only schedules a background JWKS refresh and fails the request. This reads the JWKS at once and
/// validates the same token again, so the first request after a rotation succeeds too. Reads are
/// serialised and spaced, so tokens with invented key ids cannot make the service hammer Identity.
/// </summary>
internal sealed class UnknownSigningKeyRecovery(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILogger<UnknownSigningKeyRecovery> logger)
{
    private static readonly TimeSpan MinimumGap = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SecurityKey> _keys = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task OnAuthenticationFailedAsync(AuthenticationFailedContext context, string jwksUri)
    {
        if (context.Exception is not SecurityTokenSignatureKeyNotFoundException) return;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;

        var keys = await CurrentKeysAsync(jwksUri, context.HttpContext.RequestAborted);
        if (keys.Count == 0) return;

        var parameters = context.Options.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = keys;
        parameters.IssuerSigningKeyResolver = null;
        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var result = await handler.ValidateTokenAsync(header["Bearer ".Length..].Trim(), parameters);
        if (!result.IsValid) return;

        context.Principal = new ClaimsPrincipal(result.ClaimsIdentity);
        context.Properties.ExpiresUtc = result.SecurityToken.ValidTo;
        context.Success();
        context.Options.ConfigurationManager?.RequestRefresh();
    }

    private async Task<IReadOnlyList<SecurityKey>> CurrentKeysAsync(string jwksUri, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (timeProvider.GetUtcNow() - _fetchedAt < MinimumGap) return _keys;
            _fetchedAt = timeProvider.GetUtcNow();
            using var client = httpClientFactory.CreateClient(AuthenticationExtensions.JwksHttpClient);
            var json = await client.GetStringAsync(jwksUri, cancellationToken);
            _keys = new JsonWebKeySet(json).GetSigningKeys().ToList();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            logger.LogWarning(ex, "Could not read Identity's signing keys from {JwksUri}", jwksUri);
        }
        finally
        {
            _gate.Release();
        }
        return _keys;
    }
}
