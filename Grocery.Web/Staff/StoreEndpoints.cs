using System.Globalization;
using Grocery.Web.Services;
using Microsoft.AspNetCore.Antiforgery;
using Grocery.Web.Shopping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Grocery.Web.Staff;

/// <summary>
/// The store manager's form posts: stock adjustments and write-offs, slot capacity and closures, slot templates and
/// price changes. Each answers with a redirect back to its page, carrying what happened or the service's reason.
/// </summary>
public static class StoreEndpoints
{
    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder app)
    {
        var store = app.MapGroup("/staff").WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription()
            .RequireAuthorization(GroceryPolicies.StoreManager);
        store.MapPost("/stock/change", ChangeStockAsync);
        store.MapPost("/slots/{slotId:guid}", OverrideSlotAsync);
        store.MapPost("/zones/{zoneId:guid}/templates", AddTemplateAsync);
        store.MapPost("/prices/{productId:guid}", ChangePriceAsync);
        return app;
    }

    /// <param name="kind">write-off, found (more on the shelf than counted) or missing (fewer).</param>
    /// <param name="key">Made when the form was shown, so a second submit of the same form changes nothing more.</param>
    public static async Task<RedirectHttpResult> ChangeStockAsync(
        [FromForm] Guid? warehouseId, [FromForm] string? kind, [FromForm] string? sku, [FromForm] string? quantity, [FromForm] Guid? lotId,
        [FromForm] string? reason, [FromForm] string? key, HttpContext context, IStoreManagement store, ILogger<StoreManagementClient> logger,
        CancellationToken cancellationToken)
    {
        var page = "/staff/stock" + (warehouseId is { } w ? $"?warehouseId={w}" : "");
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(page);
        if (StaffRoles.WarehouseOf(context.User, warehouseId) is not { } warehouse) return Back(page, "error", "warehouse");
        // A refused change comes back with what was typed, so the manager corrects it instead of typing it all again.
        var typed = QueryHelpers.AddQueryString(page, new Dictionary<string, string?>
        {
            ["kind"] = kind, ["sku"] = sku?.Trim(), ["quantity"] = quantity?.Trim(), ["lotId"] = lotId is { } l && l != Guid.Empty ? l.ToString() : null,
            ["reason"] = reason?.Trim(),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
        // Read in the language the form was shown in (the request's culture): the form does not know whether the SKU is weighed.
        var reading = Amounts.ReadQuantity(quantity, CultureInfo.CurrentUICulture, wholeUnits: false);
        if (reading.Problem is QuantityProblem.Separator) return Back(typed, "error", "separator");
        if (string.IsNullOrWhiteSpace(sku) || reading.Quantity is not { } amount || kind is not ("write-off" or "found" or "missing"))
            return Back(typed, "error", "change");
        if (string.IsNullOrWhiteSpace(reason)) return Back(typed, "error", "reason");
        var idempotencyKey = string.IsNullOrWhiteSpace(key) ? Guid.NewGuid().ToString() : key;
        try
        {
            var result = kind switch
            {
                "write-off" => await store.WriteOffAsync(token, warehouse, sku.Trim(), amount, lotId == Guid.Empty ? null : lotId, reason.Trim(), idempotencyKey, cancellationToken),
                "found" => await store.AdjustAsync(token, warehouse, sku.Trim(), amount, reason.Trim(), idempotencyKey, cancellationToken),
                _ => await store.AdjustAsync(token, warehouse, sku.Trim(), -amount, reason.Trim(), idempotencyKey, cancellationToken),
            };
            return result.Succeeded
                ? TypedResults.LocalRedirect(With(With(With(page, "done", kind), "sku", sku.Trim()), "quantity", amount.ToString(CultureInfo.InvariantCulture)))
                : Back(typed, "error", result.Error!);
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Inventory unavailable for a {Kind} of {Sku}", kind, sku);
            return Back(typed, "error", "unavailable");
        }
    }

    /// <param name="closed">"true" closes the slot, "false" opens it again; absent leaves it as it is.</param>
    public static async Task<RedirectHttpResult> OverrideSlotAsync(
        Guid slotId, [FromForm] Guid? zoneId, [FromForm] Guid? warehouseId, [FromForm] string? capacity, [FromForm] string? closed,
        HttpContext context, IStoreManagement store, ILogger<StoreManagementClient> logger, CancellationToken cancellationToken)
    {
        var page = SlotsPage(zoneId, warehouseId);
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(page);
        int? places = null;
        if (!string.IsNullOrWhiteSpace(capacity))
        {
            if (!int.TryParse(capacity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return Back(page, "error", "capacity", slotId);
            places = parsed;
        }
        bool? close = closed switch { "true" => true, "false" => false, _ => null };
        if (places is null && close is null) return Back(page, "error", "capacity", slotId);
        try
        {
            var result = await store.OverrideSlotAsync(token, slotId, places, close, cancellationToken);
            var done = close switch { true => "closed", false => "opened", _ => "capacity" };
            return result.Succeeded ? Back(page, "done", done, slotId) : Back(page, "error", result.Error!, slotId);
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Delivery unavailable for changing slot {SlotId}", slotId);
            return Back(page, "error", "unavailable");
        }
    }

    public static async Task<RedirectHttpResult> AddTemplateAsync(
        Guid zoneId, [FromForm] Guid? warehouseId, [FromForm] DayOfWeek? dayOfWeek, [FromForm] string? startTime, [FromForm] string? endTime,
        [FromForm] string? capacity, [FromForm] string? cutoffMinutes, [FromForm] string? peak, [FromForm] string? fee,
        HttpContext context, IStoreManagement store, ILogger<StoreManagementClient> logger, CancellationToken cancellationToken)
    {
        var page = SlotsPage(zoneId, warehouseId);
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(page);
        if (dayOfWeek is not { } day || !TimeOnly.TryParse(startTime, CultureInfo.InvariantCulture, out var start)
            || !TimeOnly.TryParse(endTime, CultureInfo.InvariantCulture, out var end)
            || !int.TryParse(capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var places)
            || !int.TryParse(string.IsNullOrWhiteSpace(cutoffMinutes) ? "0" : cutoffMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var cutoff))
            return TypedResults.LocalRedirect(With(page, "error", "template") + "#templates");
        decimal? slotFee = string.IsNullOrWhiteSpace(fee) ? null : Amounts.Parse(fee);
        try
        {
            var result = await store.AddTemplateAsync(token, zoneId, new NewSlotTemplate(day, start, end, places, peak is "on" or "true", slotFee, cutoff), cancellationToken);
            return TypedResults.LocalRedirect(With(page, result.Succeeded ? "done" : "error", result.Succeeded ? "template" : result.Error!) + "#templates");
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Delivery unavailable for a slot template of zone {ZoneId}", zoneId);
            return Back(page, "error", "unavailable");
        }
    }

    /// <param name="shownPrice">The price the manager saw: if the product changed since, nothing is written and the page says so.</param>
    public static async Task<RedirectHttpResult> ChangePriceAsync(
        Guid productId, [FromForm] string? price, [FromForm] string? shownPrice, [FromForm] string? q,
        HttpContext context, IStoreManagement store, ILogger<StoreManagementClient> logger, CancellationToken cancellationToken)
    {
        var page = "/staff/prices" + (string.IsNullOrWhiteSpace(q) ? "" : "?q=" + Uri.EscapeDataString(q.Trim()));
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(page);
        if (Amounts.Parse(price) is not { } newPrice) return Back(page, "error", "price");
        try
        {
            var current = await store.GetProductAsync(token, productId, cancellationToken);
            if (!current.Succeeded) return Back(page, "error", current.Error!);
            if (Amounts.Parse(shownPrice) is { } shown && shown != current.Value!.Price) return Back(page, "error", "stale");
            var changed = await store.ChangePriceAsync(token, productId, current.Value!.Version, newPrice, cancellationToken);
            return changed.Succeeded
                ? TypedResults.LocalRedirect(With(With(page, "done", "price"), "sku", changed.Value!.Sku))
                : Back(page, "error", changed.Status == StatusCodes.Status412PreconditionFailed ? "stale" : changed.Error!);
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Catalog unavailable for the price of {ProductId}", productId);
            return Back(page, "error", "unavailable");
        }
    }

    public static string SlotsPage(Guid? zoneId, Guid? warehouseId)
    {
        var query = new Dictionary<string, string?>();
        if (warehouseId is { } w) query["warehouseId"] = w.ToString();
        if (zoneId is { } z) query["zoneId"] = z.ToString();
        return QueryHelpers.AddQueryString("/staff/slots", query);
    }

    private static RedirectHttpResult Back(string page, string key, string value, Guid? anchor = null) =>
        TypedResults.LocalRedirect(With(page, key, value) + (anchor is { } a ? $"#slot-{a:N}" : ""));

    private static string With(string url, string key, string value) => QueryHelpers.AddQueryString(url, key, value);

    private static RedirectHttpResult SignIn(string back) => TypedResults.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back));
}
