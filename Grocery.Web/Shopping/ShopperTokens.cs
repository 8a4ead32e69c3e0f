using System.Globalization;
using System.Security.Claims;
using Grocery.Web.Services;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Grocery.Web.Shopping;

/// <summary>
/// Identity's tokens live as claims of the encrypted, HttpOnly authentication cookie: the browser holds
/// only ciphertext it cannot read, and scripts never see a token. Interactive components read them from
/// the circuit's authentication state.
/// </summary>
public static class ShopperTokens
{
    public const string AccessToken = "grocery:access_token";
    public const string RefreshToken = "grocery:refresh_token";
    public const string ExpiresAt = "grocery:expires_at";
    public const string GuestBasketCookie = "grocery.basket";

    /// <summary>
    /// The session's principal. The roles and the warehouse are copied from the access token so pages can be
    /// authorised by role; the token came straight from Identity over the back channel, so its payload is read
    /// as is (the services still validate its signature on every call).
    /// </summary>
    public static ClaimsPrincipal Principal(string email, TokenResponse tokens, DateTimeOffset now)
    {
        List<Claim> claims =
        [
            new Claim(ClaimTypes.Name, email),
            new Claim(AccessToken, tokens.AccessToken),
            new Claim(RefreshToken, tokens.RefreshToken),
            new Claim(ExpiresAt, now.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ];
        claims.AddRange(ClaimsOf(tokens.AccessToken));
        return new(new ClaimsIdentity(claims, "grocery-cookie"));
    }

    /// <summary>The roles (as <see cref="ClaimTypes.Role"/>) and the warehouse assignment an access token carries; none when it cannot be read.</summary>
    public static IEnumerable<Claim> ClaimsOf(string accessToken)
    {
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(accessToken);
        }
        catch (ArgumentException)
        {
            return [];
        }
        return token.Claims
            .Where(c => c.Type is "role" or WarehouseAssignment.ClaimType)
            .Select(c => new Claim(c.Type == "role" ? ClaimTypes.Role : WarehouseAssignment.ClaimType, c.Value))
            .ToList();
    }

    public static string? AccessTokenOf(ClaimsPrincipal? user) => user?.FindFirst(AccessToken)?.Value;

    public static DateTimeOffset? ExpiryOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ExpiresAt)?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static Guid? GuestBasketOf(HttpContext? context) =>
        Guid.TryParse(context?.Request.Cookies[GuestBasketCookie], out var id) ? id : null;

    public static ShopperCredentials CredentialsOf(HttpContext context) =>
        new(AccessTokenOf(context.User), GuestBasketOf(context));
}
