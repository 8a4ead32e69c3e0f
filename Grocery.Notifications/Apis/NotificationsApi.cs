using Grocery.Notifications.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Notifications.Apis;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/me/notifications").WithTags("Notifications").RequireAuthorization(GroceryPolicies.Customer);
        api.MapGet("/", ListAsync).WithSummary("The signed-in shopper's notifications, newest first (unread=true for unread only)");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("One of the signed-in shopper's notifications; another shopper's is 404");
        api.MapPost("/{id:guid}/read", MarkReadAsync).WithSummary("Marks one of the shopper's notifications read (reading twice keeps the first time)");
        api.MapGet("/preferences", GetPreferencesAsync).WithSummary("Which kinds the shopper also gets by email; in the app every kind is always shown");
        api.MapPut("/preferences", UpdatePreferencesAsync).WithSummary("Turns email on or off per kind; kinds left out keep their setting");
        return app;
    }

    public static async Task<Results<Ok<NotificationPage>, ValidationProblem>> ListAsync(
        HttpContext context, NotificationsDbContext db, int? page, int? pageSize, bool? unread, CancellationToken cancellationToken)
    {
        if (page is < 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = ["Must be 1 or more."] });
        if (pageSize is < 1 or > NotificationsLimits.MaxPageSize)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = [$"Between 1 and {NotificationsLimits.MaxPageSize}."] });
        var (number, size) = (page ?? 1, pageSize ?? NotificationsLimits.DefaultPageSize);
        if (ShopperId(context) is not { } userId) return TypedResults.Ok(new NotificationPage([], number, size, 0, 0));
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var listed = unread == true ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await listed.CountAsync(cancellationToken);
        var unreadCount = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await listed.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new NotificationPage([.. items.Select(NotificationResponse.From)], number, size, total, unreadCount));
    }

    public static async Task<Results<Ok<NotificationResponse>, NotFound>> GetAsync(
        HttpContext context, Guid id, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var userId = ShopperId(context);
        var notification = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        return notification is null ? TypedResults.NotFound() : TypedResults.Ok(NotificationResponse.From(notification));
    }

    public static async Task<Results<Ok<NotificationResponse>, NotFound>> MarkReadAsync(
        HttpContext context, Guid id, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = ShopperId(context);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is null) return TypedResults.NotFound();
        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(NotificationResponse.From(notification));
    }

    public static async Task<Ok<NotificationPreferencesResponse>> GetPreferencesAsync(
        HttpContext context, NotificationsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PreferencesAsync(db, ShopperId(context), cancellationToken));

    public static async Task<Results<Ok<NotificationPreferencesResponse>, ValidationProblem>> UpdatePreferencesAsync(
        HttpContext context, UpdateNotificationPreferencesRequest request, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        if (request.Email is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = ["Required: an object of kind → true or false."] });
        var errors = new Dictionary<string, string[]>();
        var changes = new Dictionary<NotificationKind, bool>();
        foreach (var (name, on) in request.Email)
        {
            if (NotificationKinds.TryParse(name, out var kind)) changes[kind] = on;
            else errors[$"email.{name}"] = [$"Unknown kind; one of {string.Join(", ", NotificationKinds.All.Select(k => k.Name()))}."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (ShopperId(context) is not { } userId)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sub"] = ["The token does not name a shopper account."] });

        var stored = await db.Preferences.Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        foreach (var (kind, on) in changes)
        {
            if (stored.FirstOrDefault(p => p.Kind == kind) is { } existing) existing.Email = on;
            else db.Preferences.Add(new NotificationPreference(userId, kind, on));
        }
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await PreferencesAsync(db, userId, cancellationToken));
    }

    private static async Task<NotificationPreferencesResponse> PreferencesAsync(NotificationsDbContext db, Guid? userId, CancellationToken cancellationToken)
    {
        var off = await db.Preferences.AsNoTracking().Where(p => p.UserId == userId && !p.Email).Select(p => p.Kind).ToListAsync(cancellationToken);
        return new NotificationPreferencesResponse(
            NotificationKinds.All.ToDictionary(k => k.Name(), k => !off.Contains(k)),
            NotificationKinds.All.ToDictionary(k => k.Name(), _ => true));
    }

    /// <summary>Shoppers are Identity accounts with GUID ids; a token without one owns nothing here.</summary>
    private static Guid? ShopperId(HttpContext context) => Guid.TryParse(context.User.GetUserId(), out var id) ? id : null;
}
