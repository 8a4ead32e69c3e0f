using System.Globalization;
using Grocery.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Grocery.Web.Resources;

namespace Grocery.Web.Shopping;

/// <summary>
/// The storefront's plain HTML form posts (they work before any script runs): each changes one thing,
/// writes its cookie and sends the shopper back where they were. Antiforgery protects every one; those on cached
/// catalog pages accept a same-origin post instead (see <see cref="CatalogOutputCache"/>).
/// </summary>
public static class ShopperEndpoints
{
    public static IEndpointRouteBuilder MapShopperEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/basket/lines", SetBasketLineAsync).AcceptFromCachedPages();
        app.MapPost("/delivery-area", SetDeliveryAreaAsync).AcceptFromCachedPages();
        app.MapPost("/language", SetLanguage).AcceptFromCachedPages();
        app.MapPost("/account/sign-out", SignOutAsync);
        app.MapPost("/checkout/place", PlaceOrderAsync);
        app.MapGet("/search/suggest", SuggestAsync);
        return app;
    }

    public static async Task<RedirectHttpResult> SetBasketLineAsync(
        HttpContext context, [FromForm] Guid productId, [FromForm] decimal quantity, [FromForm] string? returnUrl,
        [FromForm] SubstitutionPreference? substitution, BasketClient basket, ILogger<BasketClient> logger, CancellationToken cancellationToken)
    {
        var back = LocalUrl(returnUrl, "/basket");
        try
        {
            var (result, guestBasket) = await basket.SetLineAsync(ShopperTokens.CredentialsOf(context), productId, Math.Max(0, quantity),
                substitution ?? SubstitutionPreference.AnySimilar, cancellationToken);
            if (guestBasket is { } id)
                context.Response.Cookies.Append(ShopperTokens.GuestBasketCookie, id.ToString(), PrivateCookie(TimeSpan.FromDays(30), context));
            return TypedResults.LocalRedirect(result.Succeeded ? WithNotice(back, "basket", "updated") : WithNotice(back, "basketError", result.Error!));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Basket unavailable");
            return TypedResults.LocalRedirect(WithNotice(back, "basketError", "unavailable"));
        }
    }

    public static async Task<RedirectHttpResult> SetDeliveryAreaAsync(
        HttpContext context, [FromForm] string? area, [FromForm] string? returnUrl, DeliveryClient delivery, ILogger<DeliveryClient> logger,
        CancellationToken cancellationToken)
    {
        var back = LocalUrl(returnUrl, "/");
        var text = area?.Trim() ?? "";
        if (text.Length is 0 or > 100) return TypedResults.LocalRedirect(WithNotice(back, "areaError", "empty"));
        try
        {
            var zone = await delivery.LookupAsync(text, cancellationToken);
            if (zone is null) return TypedResults.LocalRedirect(WithNotice(back, "areaError", "outside"));
            context.Response.Cookies.Append(DeliveryArea.CookieName, new DeliveryArea(text, zone.ZoneId, zone.WarehouseId, zone.Name).ToCookie(),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(180), IsEssential = true });
            return TypedResults.LocalRedirect(back);
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Zone lookup unavailable");
            return TypedResults.LocalRedirect(WithNotice(back, "areaError", "unavailable"));
        }
    }

    public static RedirectHttpResult SetLanguage(HttpContext context, [FromForm] string? culture, [FromForm] string? returnUrl)
    {
        var chosen = culture == "en" ? "en" : "vi";
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true });
        return TypedResults.LocalRedirect(LocalUrl(returnUrl, "/"));
    }

    public static async Task<RedirectHttpResult> SignOutAsync(HttpContext context, IdentityClient identity, CancellationToken cancellationToken)
    {
        if (context.User.FindFirst(ShopperTokens.RefreshToken)?.Value is { } refresh)
        {
            try { await identity.LogoutAsync(refresh, cancellationToken); }
            catch (Exception e) when (ServiceOutage.Is(e)) { /* the local sign-out still happens; the session expires on its own */ }
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/");
    }

    /// <summary>
    /// Places the order at the address the shopper chose: a saved one by id, or the one typed at checkout (saved to
    /// the profile first when they ticked "save"). The address must lie in the zone whose slot is held, and its
    /// postcode (or district) is what Ordering resolves the zone from.
    /// </summary>
    public static async Task<RedirectHttpResult> PlaceOrderAsync(
        HttpContext context, [FromForm] Guid holdId, [FromForm] string? idempotencyKey, [FromForm] string? addressChoice,
        [FromForm(Name = "NewAddress.Label")] string? label, [FromForm(Name = "NewAddress.Street")] string? street,
        [FromForm(Name = "NewAddress.Ward")] string? ward, [FromForm(Name = "NewAddress.District")] string? district,
        [FromForm(Name = "NewAddress.City")] string? city, [FromForm(Name = "NewAddress.PostalCode")] string? postalCode,
        [FromForm] bool? saveAddress, [FromForm] string? recipientName, [FromForm] string? phone, [FromForm] string? payment, OrderingClient ordering,
        AddressBookClient addresses, DeliveryClient delivery, IOptions<CardPaymentOptions> cards, CardPaymentSessions cardSessions,
        IStringLocalizer<Strings> texts, ILogger<OrderingClient> logger, CancellationToken cancellationToken)
    {
        var back = $"/checkout?hold={holdId}";
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return TypedResults.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back));
        var area = DeliveryArea.Of(context);
        if (area is null) return TypedResults.LocalRedirect(WithNotice(back, "error", "Choose where we deliver first."));
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? Guid.NewGuid().ToString() : idempotencyKey;
        var contact = new ShopperContact(recipientName?.Trim(), PhoneNumbers.ToE164(phone));
        if (string.IsNullOrEmpty(contact.Name) || contact.Phone is null) return TypedResults.LocalRedirect(WithNotice(back, "error", "contact"));
        try
        {
            CheckoutAddress where;
            AddressInput chosen;
            if (Guid.TryParse(addressChoice, out var addressId))
            {
                if (await addresses.GetAsync(token, addressId, cancellationToken) is not { } saved) return TypedResults.LocalRedirect(WithNotice(back, "error", "address-missing"));
                where = new CheckoutAddress(saved.Id, null);
                chosen = saved.ToInput();
            }
            else
            {
                // Identity names an unnamed address "Home" in English; the shopper reads their own language.
                chosen = new AddressInput(string.IsNullOrWhiteSpace(label) ? texts["Home (address)"] : label, street, ward, district, city, postalCode, null);
                if (chosen.Problems().Count > 0 || string.IsNullOrWhiteSpace(postalCode)) return TypedResults.LocalRedirect(WithNotice(back, "error", "address-incomplete"));
                where = new CheckoutAddress(null, chosen, contact);
            }

            // Checked before anything is saved: an address another store serves would not get the held slot.
            var (zone, zoneKey) = await ZoneOfAsync(delivery, chosen, cancellationToken);
            if (zone is null) return TypedResults.LocalRedirect(WithNotice(back, "error", "address-outside"));
            if (zone.ZoneId != area.ZoneId) return TypedResults.LocalRedirect(WithNotice(back, "error", "address-zone"));

            // Ordering reads the recipient of a saved address from the profile, so the profile holds what the shopper gave here.
            if (await addresses.GetContactAsync(token, cancellationToken) != contact
                && !(await addresses.SetContactAsync(token, contact, cancellationToken)).Succeeded)
                return TypedResults.LocalRedirect(WithNotice(back, "error", "contact-unsaved"));

            if (where.Address is { } newAddress && saveAddress == true)
            {
                // The checkout's key, suffixed: a retried checkout finds the address it saved the first time.
                var created = await addresses.CreateAsync(token, newAddress, key + ":address", cancellationToken);
                if (created.Succeeded) where = new CheckoutAddress(created.Value!.Id, null);
                else logger.LogInformation("A checkout address was not saved to the profile ({Status}); the order uses it inline", created.Status);
            }

            var postcode = zoneKey.All(char.IsDigit) ? zoneKey : null;
            var method = payment == "card" && cards.Value.Offered ? PaymentMethods.Card : PaymentMethods.CashOnDelivery;
            var result = await ordering.CheckoutAsync(token, holdId, where, postcode, postcode is null ? zoneKey : null, key, cancellationToken, method);
            if (!result.Succeeded) return TypedResults.LocalRedirect(WithNotice(back, "error", result.Error!));
            var placed = result.Value!;
            // Without a session (Stripe unreachable for a moment) the order page shows the order waiting for its payment.
            if (placed.PaymentSession is not { } session) return TypedResults.LocalRedirect($"/orders/{placed.Id}");
            cardSessions.Keep(context, placed.Id, new CardPaymentSession(session.ClientSecret, session.PublishableKey));
            return TypedResults.LocalRedirect(CardPaymentSessions.PagePath(placed.Id));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Checkout unavailable");
            return TypedResults.LocalRedirect(WithNotice(back, "error", "unavailable"));
        }
    }

    /// <summary>The zone of an address by its postcode, else by its district (a postcode Delivery does not know may still lie in a served district).</summary>
    private static async Task<(ZoneLookup? Zone, string Key)> ZoneOfAsync(DeliveryClient delivery, AddressInput address, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(address.PostalCode) && await delivery.LookupAsync(address.PostalCode.Trim(), cancellationToken) is { } byPostcode)
            return (byPostcode, address.PostalCode.Trim());
        var district = address.District?.Trim() ?? "";
        return (district.Length > 0 ? await delivery.LookupAsync(district, cancellationToken) : null, district);
    }

    /// <summary>Autocomplete for the search box (search.js): names in the shopper's language with their product pages.</summary>
    public static async Task<Ok<SuggestionItem[]>> SuggestAsync(string? q, HttpContext context, CatalogClient catalog, ILogger<CatalogClient> logger, CancellationToken cancellationToken)
    {
        var text = q?.Trim() ?? "";
        if (text.Length is < 2 or > 100) return TypedResults.Ok(Array.Empty<SuggestionItem>());
        try
        {
            var vietnamese = Money.IsVietnamese(CultureInfo.CurrentUICulture);
            var suggestions = await catalog.SuggestAsync(text, cancellationToken);
            context.Response.Headers.CacheControl = "public, max-age=60";
            return TypedResults.Ok(suggestions.Items.Select(s => new SuggestionItem(vietnamese ? s.Name : s.NameEn, $"/p/{s.Slug}")).ToArray());
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            // Autocomplete is a nicety: with the catalog down the box still submits to the search page.
            logger.LogWarning(e, "Suggestions unavailable");
            return TypedResults.Ok(Array.Empty<SuggestionItem>());
        }
    }

    public sealed record SuggestionItem(string Name, string Url);

    public static CookieOptions PrivateCookie(TimeSpan lifetime, HttpContext context) =>
        new() { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = lifetime, IsEssential = true };

    /// <summary>Only paths on this site, so a crafted form cannot bounce the shopper elsewhere.</summary>
    public static string LocalUrl(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : fallback;

    private static string WithNotice(string url, string key, string value)
    {
        var withoutOld = string.Join('&', (url.Split('?', 2) is [_, var q] ? q : "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("basket", StringComparison.Ordinal) && !p.StartsWith("area", StringComparison.Ordinal) && !p.StartsWith("error=", StringComparison.Ordinal)));
        var path = url.Split('?', 2)[0];
        var query = string.IsNullOrEmpty(withoutOld) ? "" : withoutOld + "&";
        return $"{path}?{query}{key}={Uri.EscapeDataString(value)}";
    }

    internal static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
