using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Grocery.Web.Shopping;

/// <summary>Bound from "Stripe": the AppHost gives the storefront the publishable key only when Ordering takes cards.</summary>
public sealed class CardPaymentOptions
{
    public const string Section = "Stripe";

    public string? PublishableKey { get; set; }

    public bool Offered => !string.IsNullOrWhiteSpace(PublishableKey);
}

/// <summary>What Stripe Elements needs to confirm an order's card payment: Ordering's checkout answer, kept for the payment page.</summary>
public sealed record CardPaymentSession(string ClientSecret, string PublishableKey);

/// <summary>
/// Carries the checkout's payment session from the form post to the card page, in a cookie of that page's path
/// only, encrypted with the storefront's key ring (any replica reads it), so the client secret is never in a URL.
/// It lives for the hour the shopper may take, and a reload of the page finds it.
/// </summary>
public sealed class CardPaymentSessions(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("grocery-web.card-payment-session");

    public static string PagePath(Guid orderId) => $"/orders/{orderId}/pay";

    private static string CookieName(Guid orderId) => $"grocery.card.{orderId:N}";

    public void Keep(HttpContext context, Guid orderId, CardPaymentSession session) =>
        context.Response.Cookies.Append(CookieName(orderId), _protector.Protect(JsonSerializer.Serialize(session)), new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = PagePath(orderId), MaxAge = Lifetime, IsEssential = true,
        });

    public CardPaymentSession? Find(HttpContext context, Guid orderId)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName(orderId), out var value)) return null;
        try
        {
            return JsonSerializer.Deserialize<CardPaymentSession>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null; // an old key ring or a tampered cookie: the page says the payment cannot be shown
        }
    }
}
