using Grocery.Notifications.Domain;
using Grocery.Notifications.Email;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grocery.Notifications.Apis;

/// <summary>
/// The mail queue's parked mails for ops, beside the bus's dead letters under /api/v1/ops/messaging,
/// so the gateway's ops route (/api/v1/ops/notifications/...) reaches both.
/// </summary>
public static class MailQueueApi
{
    public static IEndpointRouteBuilder MapMailQueueApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/ops/messaging/mails").WithTags("Messaging").RequireAuthorization(GroceryPolicies.Admin);
        api.MapGet("/", ListAsync).WithSummary("Lists queued mails, oldest first, optionally by status (Pending, Sent, Parked, Discarded).");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("Shows one queued mail (its id is its notification's) with its attempts and last error.");
        api.MapPost("/{id:guid}/replay", ReplayAsync).WithSummary("Sends a parked mail again now; failing, it stays parked with one more attempt.");
        api.MapPost("/{id:guid}/discard", DiscardAsync).WithSummary("Gives up on a parked mail; the in-app notification stays.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<OutgoingMailSummary>>, ValidationProblem>> ListAsync(
        NotificationsDbContext db, string? status, int? limit, CancellationToken cancellationToken)
    {
        OutgoingMailStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<OutgoingMailStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"One of {string.Join(", ", Enum.GetNames<OutgoingMailStatus>())}."],
                });
            wanted = parsed;
        }
        if (limit is < 1 or > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Between 1 and 1000."] });
        var mails = await db.OutgoingMails.AsNoTracking().Where(m => wanted == null || m.Status == wanted)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.NotificationId).Take(limit ?? 100).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OutgoingMailSummary>>([.. mails.Select(OutgoingMailSummary.From)]);
    }

    public static async Task<Results<Ok<OutgoingMailSummary>, NotFound>> GetAsync(Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.OutgoingMails.AsNoTracking().SingleOrDefaultAsync(m => m.NotificationId == id, cancellationToken) is { } mail
            ? TypedResults.Ok(OutgoingMailSummary.From(mail))
            : TypedResults.NotFound();

    internal static async Task<Results<Ok<OutgoingMailSummary>, NotFound, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>>> ReplayAsync(
        Guid id, OutgoingMailSender sender, CancellationToken cancellationToken) =>
        await sender.ReplayAsync(id, cancellationToken) switch
        {
            (_, null) => TypedResults.NotFound(),
            (null, { } mail) => NotParked(mail, "replayed"),
            (MailAttemptOutcome.Parked, { } mail) => TypedResults.UnprocessableEntity(new ProblemDetails
            {
                Title = "Replay failed",
                Status = StatusCodes.Status422UnprocessableEntity,
                Detail = mail.LastError,
            }),
            (_, { } mail) => TypedResults.Ok(OutgoingMailSummary.From(mail)),
        };

    // Discarding cannot fail once the mail is parked: no 422 here.
    internal static async Task<Results<Ok<OutgoingMailSummary>, NotFound, Conflict<ProblemDetails>>> DiscardAsync(
        Guid id, OutgoingMailSender sender, CancellationToken cancellationToken) =>
        await sender.DiscardAsync(id, cancellationToken) switch
        {
            (_, null) => TypedResults.NotFound(),
            (null, { } mail) => NotParked(mail, "discarded"),
            (_, { } mail) => TypedResults.Ok(OutgoingMailSummary.From(mail)),
        };

    private static Conflict<ProblemDetails> NotParked(OutgoingMail mail, string action) => TypedResults.Conflict(new ProblemDetails
    {
        Title = "Mail not parked",
        Status = StatusCodes.Status409Conflict,
        Detail = $"Mail {mail.NotificationId} is {mail.Status}; only a parked mail can be {action}.",
    });
}
