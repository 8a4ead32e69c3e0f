using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Grocery.Identity.Security;

/// <summary>
/// Identity's answer to a token naming a key it has not cached (another replica just rotated):
/// re-read its own key store and validate again. ServiceDefaults' recovery fetches the JWKS over
/// HTTP, which here would be a resilient, retrying call from Identity to itself.
/// </summary>
internal static class OwnSigningKeyRecovery
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public static async Task OnAuthenticationFailedAsync(AuthenticationFailedContext context, SigningKeyStore keys)
    {
        if (context.Exception is not SecurityTokenSignatureKeyNotFoundException) return;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;

        keys.RequestRefresh();
        var published = await keys.GetPublishedKeysAsync(context.HttpContext.RequestAborted);
        var parameters = context.Options.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = published.Select(k => (SecurityKey)k.SecurityKey).ToList();
        parameters.IssuerSigningKeyResolver = null;
        var result = await Handler.ValidateTokenAsync(header["Bearer ".Length..].Trim(), parameters);
        if (!result.IsValid) return;

        context.Principal = new ClaimsPrincipal(result.ClaimsIdentity);
        context.Properties.ExpiresUtc = result.SecurityToken.ValidTo;
        context.Success();
    }
}
