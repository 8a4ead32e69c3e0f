using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Web.Staff;

/// <summary>
/// The staff pages' form posts: claiming an order from the picking queue, and the driver's steps (the ops pages' are in
/// <see cref="OpsEndpoints"/>). Each answers
/// with a redirect back to the page, carrying what happened (or the service's reason) for the page to show.
/// </summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/staff").WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        staff.MapPost("/picking/{orderId:guid}/claim", ClaimAsync).RequireAuthorization(GroceryPolicies.Picker);
        staff.MapPost("/deliveries/{orderId:guid}/dispatched", DispatchedAsync).RequireAuthorization(GroceryPolicies.Driver);
        staff.MapPost("/deliveries/{orderId:guid}/delivered", DeliveredAsync).RequireAuthorization(GroceryPolicies.Driver);
        staff.MapPost("/deliveries/{orderId:guid}/failed", FailedAsync).RequireAuthorization(GroceryPolicies.Driver);
        return app;
    }

    public static async Task<RedirectHttpResult> ClaimAsync(
        Guid orderId, [FromForm] Guid? warehouseId, HttpContext context, IPicking picking, ILogger<PickingClient> logger, CancellationToken cancellationToken)
    {
        var queue = "/staff/picking" + (warehouseId is { } w ? $"?warehouseId={w}" : "");
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(queue);
        try
        {
            var claimed = await picking.ClaimAsync(token, orderId, cancellationToken);
            return claimed.Succeeded
                ? TypedResults.LocalRedirect($"/staff/picking/{orderId}")
                : TypedResults.LocalRedirect(With(queue, "error", claimed.Error!));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Ordering unavailable for claiming {OrderId}", orderId);
            return TypedResults.LocalRedirect(With(queue, "error", "unavailable"));
        }
    }

    public static Task<RedirectHttpResult> DispatchedAsync(
        Guid orderId, [FromForm] string? back, HttpContext context, IDriverShipments shipments, ILogger<DriverClient> logger, CancellationToken cancellationToken) =>
        DriverStepAsync(orderId, back, "dispatched", context, logger, token => shipments.DispatchedAsync(token, orderId, cancellationToken));

    public static Task<RedirectHttpResult> DeliveredAsync(
        Guid orderId, [FromForm] string? back, [FromForm] string? cashCollected, HttpContext context, IDriverShipments shipments,
        ILogger<DriverClient> logger, CancellationToken cancellationToken)
    {
        if (Amounts.Parse(cashCollected) is not { } cash)
            return Task.FromResult(TypedResults.LocalRedirect(With(Back(back), "error", "cash") + $"#order-{orderId:N}"));
        return DriverStepAsync(orderId, back, "delivered", context, logger, token => shipments.DeliveredAsync(token, orderId, cash, cancellationToken));
    }

    public static Task<RedirectHttpResult> FailedAsync(
        Guid orderId, [FromForm] string? back, [FromForm] string? reason, HttpContext context, IDriverShipments shipments,
        ILogger<DriverClient> logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return Task.FromResult(TypedResults.LocalRedirect(With(Back(back), "error", "reason") + $"#order-{orderId:N}"));
        return DriverStepAsync(orderId, back, "failed", context, logger, token => shipments.FailedAsync(token, orderId, reason.Trim(), cancellationToken));
    }

    private static async Task<RedirectHttpResult> DriverStepAsync(
        Guid orderId, string? back, string step, HttpContext context, ILogger logger, Func<string, Task<ApiResult<Shipment>>> send)
    {
        var page = Back(back);
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(page);
        try
        {
            var result = await send(token);
            return TypedResults.LocalRedirect((result.Succeeded ? With(page, "done", step) : With(page, "error", result.Error!)) + $"#order-{orderId:N}");
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Delivery unavailable for marking {OrderId} {Step}", orderId, step);
            return TypedResults.LocalRedirect(With(page, "error", "unavailable"));
        }
    }

    /// <summary>The driver's list the form came from (its date and warehouse), without a previous notice; never another site.</summary>
    private static string Back(string? back)
    {
        var local = ShopperEndpoints.LocalUrl(back, "/staff/deliveries");
        if (!local.StartsWith("/staff/deliveries", StringComparison.Ordinal)) return "/staff/deliveries";
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + local).Query)
            .Where(q => q.Key is "date" or "warehouseId").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/staff/deliveries", query);
    }

    internal static string With(string url, string key, string value) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(url, key, value);

    internal static RedirectHttpResult SignIn(string back) => TypedResults.LocalRedirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(back));
}
