using Grocery.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Grocery.Web.Shopping;

/// <summary>Signing in: tokens from Identity into the encrypted session cookie, then the guest basket into the account.</summary>
public static class SignInFlow
{
    /// <returns>null when signed in, else a message for the shopper.</returns>
    public static async Task<string?> SignInAsync(HttpContext context, IdentityClient identity, BasketClient baskets, TimeProvider time,
        string email, string password, ILogger logger)
    {
        ApiResult<TokenResponse> login;
        try
        {
            login = await identity.LoginAsync(email, password, ClientAddress(context), context.RequestAborted);
        }
        catch (Exception ex) when (ServiceOutage.Is(ex))
        {
            logger.LogWarning(ex, "Identity unavailable for sign-in");
            return "Sign-in is not available right now. Please try again in a moment.";
        }
        if (!login.Succeeded) return login.Error;

        var tokens = login.Value!;
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ShopperTokens.Principal(email.Trim(), tokens, time.GetUtcNow()),
            new AuthenticationProperties { IsPersistent = true });
        if (ShopperTokens.GuestBasketOf(context) is { } guest)
        {
            try
            {
                await baskets.MergeAsync(tokens.AccessToken, guest, context.RequestAborted);
                context.Response.Cookies.Delete(ShopperTokens.GuestBasketCookie);
            }
            catch (Exception ex) when (ServiceOutage.Is(ex))
            {
                // The guest basket stays in its cookie; the next sign-in merges it.
                logger.LogWarning(ex, "Guest basket could not be merged at sign-in");
            }
        }
        return null;
    }

    public static string? ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
