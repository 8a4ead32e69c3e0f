using Grocery.Web.Services;
using Grocery.Web.Shopping;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static Grocery.Web.Staff.StaffEndpoints;

namespace Grocery.Web.Staff;

/// <summary>
/// The ops pages' form posts, for admins: replaying or discarding a dead letter, granting and revoking roles, assigning
/// a warehouse. Each goes through the gateway with the admin's own token and redirects back saying what happened.
/// </summary>
public static class OpsEndpoints
{
    public const string MessagesPage = "/staff/ops/messages";
    public const string UsersPage = "/staff/ops/users";

    public static IEndpointRouteBuilder MapOpsEndpoints(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/staff/ops").WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription()
            .RequireAuthorization(GroceryPolicies.Admin);
        ops.MapPost("/{service}/dead-letters/{id:long}/replay", (string service, long id, HttpContext context, IOps ops, ILogger<OpsClient> logger,
            CancellationToken cancellationToken) => ResolveAsync(service, id, "replay", context, ops, logger, cancellationToken));
        ops.MapPost("/{service}/dead-letters/{id:long}/discard", (string service, long id, HttpContext context, IOps ops, ILogger<OpsClient> logger,
            CancellationToken cancellationToken) => ResolveAsync(service, id, "discard", context, ops, logger, cancellationToken));
        ops.MapPost("/users/{userId:guid}/roles/{role}/grant", (Guid userId, string role, HttpContext context, IOps ops, ILogger<OpsClient> logger,
            CancellationToken cancellationToken) => ChangeRoleAsync(userId, role, grant: true, context, ops, logger, cancellationToken));
        ops.MapPost("/users/{userId:guid}/roles/{role}/revoke", (Guid userId, string role, HttpContext context, IOps ops, ILogger<OpsClient> logger,
            CancellationToken cancellationToken) => ChangeRoleAsync(userId, role, grant: false, context, ops, logger, cancellationToken));
        ops.MapPost("/users/{userId:guid}/warehouse", AssignWarehouseAsync);
        return app;
    }

    /// <summary>Replays or discards a dead letter of one service through the gateway's ops route, then shows the list again.</summary>
    public static async Task<RedirectHttpResult> ResolveAsync(
        string service, long id, string action, HttpContext context, IOps ops, ILogger logger, CancellationToken cancellationToken)
    {
        if (!ResourceNames.Services.Contains(service)) return TypedResults.LocalRedirect(With(MessagesPage, "error", $"No service {service}."));
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(MessagesPage);
        try
        {
            var result = await ops.ResolveAsync(token, service, id, action, cancellationToken);
            return TypedResults.LocalRedirect(result.Succeeded
                ? With(With(MessagesPage, "done", action), "letter", $"{service} #{id}")
                : With(MessagesPage, "error", result.Status == 404 ? $"{service} has no dead letter #{id}." : result.Error!));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Ops unavailable for {Action} of {Service} dead letter {Id}", action, service, id);
            return TypedResults.LocalRedirect(With(MessagesPage, "error", "unavailable"));
        }
    }

    public static async Task<RedirectHttpResult> ChangeRoleAsync(
        Guid userId, string role, bool grant, HttpContext context, IOps ops, ILogger logger, CancellationToken cancellationToken)
    {
        var page = With(UsersPage, "user", userId.ToString());
        if (!GroceryRoles.All.Contains(role)) return TypedResults.LocalRedirect(With(page, "error", $"No role {role}."));
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(page);
        try
        {
            var result = await ops.ChangeRoleAsync(token, userId, role, grant, cancellationToken);
            return TypedResults.LocalRedirect(result.Succeeded
                ? With(With(page, "done", grant ? "grant" : "revoke"), "role", role)
                : With(page, "error", result.Error!));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Identity unavailable for changing role {Role} of {UserId}", role, userId);
            return TypedResults.LocalRedirect(With(page, "error", "unavailable"));
        }
    }

    /// <summary>An empty choice removes the assignment.</summary>
    public static async Task<RedirectHttpResult> AssignWarehouseAsync(
        Guid userId, [FromForm] string? warehouseId, HttpContext context, IOps ops, ILogger<OpsClient> logger, CancellationToken cancellationToken)
    {
        var page = With(UsersPage, "user", userId.ToString());
        Guid? warehouse = null;
        if (!string.IsNullOrWhiteSpace(warehouseId))
        {
            if (!Guid.TryParse(warehouseId, out var parsed)) return TypedResults.LocalRedirect(With(page, "error", "The warehouse id must be a GUID."));
            warehouse = parsed;
        }
        if (ShopperTokens.AccessTokenOf(context.User) is not { } token) return SignIn(page);
        try
        {
            var result = await ops.AssignWarehouseAsync(token, userId, warehouse, cancellationToken);
            return TypedResults.LocalRedirect(result.Succeeded ? With(page, "done", "warehouse") : With(page, "error", result.Error!));
        }
        catch (Exception e) when (ServiceOutage.Is(e))
        {
            logger.LogWarning(e, "Identity unavailable for assigning {UserId} a warehouse", userId);
            return TypedResults.LocalRedirect(With(page, "error", "unavailable"));
        }
    }
}
