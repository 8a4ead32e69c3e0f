using System.Security.Claims;

namespace Grocery.Ordering.Basket;

/// <summary>Whose basket: a signed-in user's, or a guest's identified by an anonymous basket id.</summary>
public sealed record BasketOwner(string Key, bool IsGuest, Guid? GuestBasketId)
{
    public const string HeaderName = "X-Basket-Id";
    public const string CookieName = "basket_id";

    public static BasketOwner ForUser(string userId) => new($"basket:user:{userId}", false, null);

    public static BasketOwner ForGuest(Guid basketId) => new($"basket:guest:{basketId:N}", true, basketId);

    /// <summary>The signed-in user, else the guest basket id from the header or cookie, else none.</summary>
    public static BasketOwner? Resolve(HttpContext context) =>
        context.User.GetUserId() is { } userId ? ForUser(userId) : GuestBasketIdOf(context) is { } guest ? ForGuest(guest) : null;

    public static Guid? GuestBasketIdOf(HttpContext context)
    {
        var value = context.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(value)) value = context.Request.Cookies[CookieName] ?? "";
        return Guid.TryParse(value, out var id) ? id : null;
    }

    /// <summary>A guest's first write creates the basket id; the client keeps it (header or cookie) until login.</summary>
    public static BasketOwner NewGuest(HttpContext context)
    {
        var id = Guid.NewGuid();
        context.Response.Headers[HeaderName] = id.ToString();
        context.Response.Cookies.Append(CookieName, id.ToString(), new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(30),
        });
        return ForGuest(id);
    }
}

internal static class ClaimsPrincipalBasketExtensions
{
    public static bool IsSignedIn(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;
}
