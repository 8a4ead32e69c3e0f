using System.Globalization;
using System.Security.Claims;
using Grocery.Web.Services;

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

    public static ClaimsPrincipal Principal(string email, TokenResponse tokens, DateTimeOffset now) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, email),
            new Claim(AccessToken, tokens.AccessToken),
            new Claim(RefreshToken, tokens.RefreshToken),
            new Claim(ExpiresAt, now.AddSeconds(tokens.ExpiresIn).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ], "grocery-cookie"));

    public static string? AccessTokenOf(ClaimsPrincipal? user) => user?.FindFirst(AccessToken)?.Value;

    public static DateTimeOffset? ExpiryOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ExpiresAt)?.Value, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static Guid? GuestBasketOf(HttpContext? context) =>
        Guid.TryParse(context?.Request.Cookies[GuestBasketCookie], out var id) ? id : null;

    public static ShopperCredentials CredentialsOf(HttpContext context) =>
        new(AccessTokenOf(context.User), GuestBasketOf(context));
}
