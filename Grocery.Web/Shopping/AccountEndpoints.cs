using Grocery.Web.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Web.Shopping;

/// <summary>
/// The account's one-click form posts: an address deleted or made the default, a past order put back in the basket,
/// a notification marked read, the email preferences saved.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/addresses/{id:guid}/delete", DeleteAddressAsync);
        app.MapPost("/account/addresses/{id:guid}/default", MakeDefaultAsync);
        app.MapPost("/orders/{id:guid}/reorder", ReorderAsync);
        app.MapPost("/account/notifications/{id:guid}/read", MarkNotificationReadAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/account/notifications/preferences", SaveNotificationPreferencesAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    public static async Task<RedirectHttpResult> DeleteAddressAsync(
        Guid id, HttpContext context, AddressBookClient addresses, ILogger<AddressBookClient> logger, CancellationToken cancellationToken)
    {
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn("/account/addresses");
        try
        {
            var deleted = await addresses.DeleteAsync(token, id, cancellationToken);
            return TypedResults.LocalRedirect("/account/addresses?notice=" + (deleted ? "deleted" : "missing"));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Addresses unavailable for deleting");
            return TypedResults.LocalRedirect("/account/addresses?notice=unavailable");
        }
    }

    /// <summary>Identity replaces an address whole, so the saved one is read and written back with the flag set.</summary>
    public static async Task<RedirectHttpResult> MakeDefaultAsync(
        Guid id, HttpContext context, AddressBookClient addresses, ILogger<AddressBookClient> logger, CancellationToken cancellationToken)
    {
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn("/account/addresses");
        try
        {
            if (await addresses.GetAsync(token, id, cancellationToken) is not { } address)
                return TypedResults.LocalRedirect("/account/addresses?notice=missing");
            var result = await addresses.UpdateAsync(token, id, address.ToInput() with { IsDefault = true }, cancellationToken);
            return TypedResults.LocalRedirect("/account/addresses?notice=" + (result.Succeeded ? "default" : result.Status == 404 ? "missing" : "unavailable"));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Addresses unavailable for the default");
            return TypedResults.LocalRedirect("/account/addresses?notice=unavailable");
        }
    }

    /// <summary>Fills the basket from a past order and shows the basket, naming what was skipped.</summary>
    public static async Task<RedirectHttpResult> ReorderAsync(
        Guid id, HttpContext context, OrderingClient ordering, ILogger<OrderingClient> logger, CancellationToken cancellationToken)
    {
        var back = $"/orders/{id}";
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(back);
        try
        {
            var result = await ordering.ReorderAsync(token, id, cancellationToken);
            if (!result.Succeeded) return TypedResults.LocalRedirect($"{back}?reorder={(result.Status == 404 ? "missing" : "failed")}");
            return TypedResults.LocalRedirect(BasketAfterReorder(result.Value!));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Re-order unavailable");
            return TypedResults.LocalRedirect($"{back}?reorder=unavailable");
        }
    }

    /// <summary>The basket's address after a re-order: the names of the products that were skipped with why (at most ten, to keep the address short).</summary>
    public static string BasketAfterReorder(ReorderResult result)
    {
        var skipped = result.Skipped.Take(10).Select(s => $"&skipped={Uri.EscapeDataString(s.Name)}&why={Uri.EscapeDataString(s.Reason)}");
        return "/basket?reordered=true" + string.Concat(skipped) + (result.Skipped.Count > 10 ? $"&skippedMore={result.Skipped.Count - 10}" : "");
    }

    /// <summary>Marks one notification read and shows the same page of the list again.</summary>
    public static async Task<RedirectHttpResult> MarkNotificationReadAsync(
        Guid id, [FromForm] int? page, HttpContext context, INotifications notifications, ILogger<NotificationsClient> logger, CancellationToken cancellationToken)
    {
        var back = NotificationsPage(page);
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(back);
        try
        {
            var marked = await notifications.MarkReadAsync(token, id, cancellationToken);
            return TypedResults.LocalRedirect(back + (marked ? "" : (back.Contains('?') ? "&" : "?") + "notice=missing"));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Notifications unavailable for marking read");
            return TypedResults.LocalRedirect(back + (back.Contains('?') ? "&" : "?") + "notice=unavailable");
        }
    }

    /// <summary>
    /// Saves email on or off for every kind the form listed: a checkbox left unticked is not posted, so the form names
    /// each kind it showed (<c>kind</c>) beside the ticked ones (<c>email</c>).
    /// </summary>
    public static async Task<RedirectHttpResult> SaveNotificationPreferencesAsync(
        HttpContext context, INotifications notifications, ILogger<NotificationsClient> logger, CancellationToken cancellationToken)
    {
        const string back = "/account/notifications";
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(back);
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var ticked = form["email"].OfType<string>().ToHashSet(StringComparer.Ordinal);
        var email = form["kind"].OfType<string>().Where(k => k.Length > 0).Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, ticked.Contains, StringComparer.Ordinal);
        if (email.Count == 0) return TypedResults.LocalRedirect(back + "?notice=saved#preferences");
        try
        {
            var result = await notifications.SetEmailPreferencesAsync(token, email, cancellationToken);
            return TypedResults.LocalRedirect(back + (result.Succeeded ? "?notice=saved" : "?notice=failed") + "#preferences");
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Notifications unavailable for saving preferences");
            return TypedResults.LocalRedirect(back + "?notice=unavailable#preferences");
        }
    }

    private static string NotificationsPage(int? page) => page is > 1 ? $"/account/notifications?page={page}" : "/account/notifications";

    private static RedirectHttpResult SignIn(string back) => TypedResults.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back));
}
