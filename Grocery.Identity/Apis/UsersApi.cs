using System.Security.Claims;
using Grocery.Identity.Domain;
using Grocery.Persistence;

namespace Grocery.Identity.Apis;

/// <summary>Role and warehouse administration for admins; a shopper's contact details for services.</summary>
public static class UsersApi
{
    // Serialises role changes so two admins revoking each other cannot leave the platform without one.
    private const long RoleChangeLockKey = 0x6964656e_726f6c65; // "idenrole"

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(GroceryPolicies.Admin);
        api.MapGet("/", FindByEmailAsync)
            .WithSummary("Finds a user by e-mail address (admins)");
        api.MapGet("/{id:guid}", GetAsync)
            .WithSummary("A user with their roles, lockout state and warehouse (admins)");
        api.MapGet("/{id:guid}/roles", GetRolesAsync)
            .WithSummary("A user's roles (admins)");
        api.MapPut("/{id:guid}/roles/{role}", GrantAsync)
            .WithSummary("Grants a user a role; granting one they already have changes nothing (admins)");
        api.MapDelete("/{id:guid}/roles/{role}", RevokeAsync)
            .WithSummary("Revokes a role from a user; the last admin cannot lose the admin role (admins)");
        api.MapPut("/{id:guid}/warehouse", AssignWarehouseAsync)
            .WithSummary("Assigns a member of staff to the warehouse they work in");
        api.MapDelete("/{id:guid}/warehouse", UnassignWarehouseAsync)
            .WithSummary("Removes a member of staff's warehouse assignment");

        // Not under the admin group: both policies would then apply, and services are not admins.
        app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(GroceryPolicies.Service)
            .MapGet("/{id:guid}/contact", GetContactAsync)
            .WithSummary("A user's e-mail, name and language, for services that write to them");
        return app;
    }

    /// <summary>
    /// Identity knows no warehouses (Inventory does), so any id is accepted; services refuse staff whose
    /// claim names a warehouse they do not hold. The claim reaches new tokens (login, refresh) only.
    /// </summary>
    public static async Task<Results<Ok<UserSummary>, NotFound, ValidationProblem>> AssignWarehouseAsync(
        Guid id, AssignWarehouseRequest request, IdentityDbContext db, TimeProvider time, ILogger<UserRoles> logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.WarehouseId)) return Problems.Invalid("warehouseId", "The warehouse id is required.");
        if (!Guid.TryParse(request.WarehouseId, out var warehouseId) || warehouseId == Guid.Empty)
            return Problems.Invalid("warehouseId", "The warehouse id must be a GUID.");
        var updated = await db.Users.Where(u => u.Id == id && u.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.WarehouseId, warehouseId), cancellationToken);
        if (updated == 0) return TypedResults.NotFound();
        logger.LogInformation("Assigned user {UserId} to warehouse {WarehouseId}", id, warehouseId);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserSummary.From(user, time.GetUtcNow()));
    }

    public static async Task<Results<NoContent, NotFound>> UnassignWarehouseAsync(
        Guid id, IdentityDbContext db, ILogger<UserRoles> logger, CancellationToken cancellationToken)
    {
        var updated = await db.Users.Where(u => u.Id == id && u.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.WarehouseId, (Guid?)null), cancellationToken);
        if (updated == 0) return TypedResults.NotFound();
        logger.LogInformation("Removed the warehouse assignment of user {UserId}", id);
        return TypedResults.NoContent();
    }

    /// <summary>The e-mail and name are personal data: they leave in this answer only, never in a log line.</summary>
    public static async Task<Results<Ok<UserContact>, NotFound>> GetContactAsync(
        Guid id, ClaimsPrincipal caller, IdentityDbContext db, ILogger<UserContact> logger, CancellationToken cancellationToken)
    {
        var contact = await db.Users.AsNoTracking().IgnoreAutoIncludes()
            .Where(u => u.Id == id && u.DeletedAt == null)
            .Select(u => new UserContact(u.Id, u.Email!, u.DisplayName, u.Language))
            .SingleOrDefaultAsync(cancellationToken);
        if (contact is null) return TypedResults.NotFound();
        logger.LogInformation("Contact of user {UserId} read by {Caller}", id, caller.GetUserId());
        return TypedResults.Ok(contact);
    }

    public static async Task<Results<Ok<UserSummary>, NotFound, ValidationProblem>> FindByEmailAsync(
        string? email, IdentityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email)) return Problems.Invalid("email", "The e-mail address is required.");
        if (StoredText.Check(email.Trim(), EmailAddress.MaxLength) is { } problem) return Problems.Invalid("email", problem);
        var normalized = EmailAddress.Normalize(email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.DeletedAt == null, cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserSummary.From(user, time.GetUtcNow()));
    }

    public static async Task<Results<Ok<UserSummary>, NotFound>> GetAsync(Guid id, IdentityDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserSummary.From(user, time.GetUtcNow()));
    }

    public static async Task<Results<Ok<UserRoles>, NotFound>> GetRolesAsync(Guid id, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var roles = await CurrentRolesAsync(id, db, cancellationToken);
        return roles is null ? TypedResults.NotFound() : TypedResults.Ok(new UserRoles(id, roles));
    }

    /// <summary>Idempotent: granting a role the user already has changes nothing.</summary>
    public static async Task<Results<Ok<UserRoles>, NotFound, ValidationProblem>> GrantAsync(
        Guid id, string role, IdentityDbContext db, ILogger<UserRoles> logger, CancellationToken cancellationToken)
    {
        if (!GroceryRoles.All.Contains(role)) return UnknownRole();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RoleChangeLockKey})", cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken)) return TypedResults.NotFound();
        var added = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO user_roles (user_id, role) VALUES ({id}, {role}) ON CONFLICT DO NOTHING", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (added > 0) logger.LogInformation("Granted role {Role} to user {UserId}", role, id);
        return TypedResults.Ok(new UserRoles(id, (await CurrentRolesAsync(id, db, cancellationToken))!));
    }

    public static async Task<Results<Ok<UserRoles>, NotFound, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        Guid id, string role, IdentityDbContext db, ILogger<UserRoles> logger, CancellationToken cancellationToken)
    {
        if (!GroceryRoles.All.Contains(role)) return UnknownRole();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RoleChangeLockKey})", cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken)) return TypedResults.NotFound();
        if (role == GroceryRoles.Admin &&
            await db.UserRoles.AnyAsync(r => r.UserId == id && r.Role == role, cancellationToken) &&
            await db.UserRoles.CountAsync(r => r.Role == GroceryRoles.Admin, cancellationToken) <= 1)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The last admin cannot lose the admin role.");
        }
        var removed = await db.UserRoles.Where(r => r.UserId == id && r.Role == role).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (removed > 0) logger.LogInformation("Revoked role {Role} from user {UserId}", role, id);
        return TypedResults.Ok(new UserRoles(id, (await CurrentRolesAsync(id, db, cancellationToken))!));
    }

    private static ValidationProblem UnknownRole() =>
        Problems.Invalid("role", $"The role must be one of: {string.Join(", ", GroceryRoles.All)}.");

    private static async Task<string[]?> CurrentRolesAsync(Guid id, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id && u.DeletedAt == null, cancellationToken)) return null;
        return await db.UserRoles.Where(r => r.UserId == id).Select(r => r.Role).OrderBy(r => r).ToArrayAsync(cancellationToken);
    }
}

public sealed record UserRoles(Guid UserId, string[] Roles);

public sealed record UserSummary(Guid Id, string Email, string[] Roles, DateTimeOffset CreatedAt, bool LockedOut, Guid? WarehouseId)
{
    public static UserSummary From(User user, DateTimeOffset now) =>
        new(user.Id, user.Email!, user.Roles.Select(r => r.Role).Order(StringComparer.Ordinal).ToArray(), user.CreatedAt, user.IsLockedOut(now), user.WarehouseId);
}

/// <summary>A string, so a malformed id is a validation problem naming the field rather than a body that fails to bind.</summary>
public sealed record AssignWarehouseRequest(string? WarehouseId);

public sealed record UserContact(Guid UserId, string Email, string? DisplayName, string Language);
