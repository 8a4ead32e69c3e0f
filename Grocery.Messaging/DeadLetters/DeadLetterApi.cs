using Grocery.Messaging.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Messaging.DeadLetters;

public static class DeadLetterApi
{
    /// <summary>Ops endpoints under /api/v1/ops/messaging, for the "admin" policy.</summary>
    public static IEndpointRouteBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        // A service started without Kafka (Catalog can run on its own) has no dead letters to show.
        if (app.ServiceProvider.GetService<IDeadLetterOperations>() is null) return app;

        var api = app.MapGroup("/api/v1/ops/messaging")
            .WithTags("Messaging")
            .RequireAuthorization("admin");

        api.MapGet("/dead-letters", ListDeadLetters).WithSummary("Lists dead letters, optionally by status.");
        api.MapGet("/dead-letters/{id:long}", GetDeadLetter).WithSummary("Shows one dead letter with its payload and reason.");
        api.MapGet("/parked-keys", ListParkedKeys).WithSummary("Lists the keys whose later events wait behind a dead letter.");
        api.MapPost("/dead-letters/{id:long}/replay", ReplayDeadLetter).WithSummary("Delivers or publishes a dead letter again, releasing its key.");
        api.MapPost("/dead-letters/{id:long}/discard", DiscardDeadLetter).WithSummary("Drops a dead letter, releasing its key.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<DeadLetterSummary>>> ListDeadLetters(
        IDeadLetterOperations operations, DeadLetterStatus? status, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.ListAsync(status, limit ?? 100, cancellationToken));

    public static async Task<Results<Ok<DeadLetterDetails>, NotFound>> GetDeadLetter(
        long id, IDeadLetterOperations operations, CancellationToken cancellationToken) =>
        await operations.GetAsync(id, cancellationToken) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<ParkedKey>>> ListParkedKeys(IDeadLetterOperations operations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await operations.ListParkedKeysAsync(cancellationToken));

    public static async Task<Results<Ok<ResolveResult>, NotFound, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>>> ReplayDeadLetter(
        long id, IDeadLetterOperations operations, CancellationToken cancellationToken) =>
        ToResult(await operations.ReplayAsync(id, cancellationToken));

    public static async Task<Results<Ok<ResolveResult>, NotFound, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>>> DiscardDeadLetter(
        long id, IDeadLetterOperations operations, CancellationToken cancellationToken) =>
        ToResult(await operations.DiscardAsync(id, cancellationToken));

    private static Results<Ok<ResolveResult>, NotFound, Conflict<ProblemDetails>, UnprocessableEntity<ProblemDetails>> ToResult(ResolveResult result) =>
        result.Status switch
        {
            ResolveStatus.Resolved => TypedResults.Ok(result),
            ResolveStatus.NotFound => TypedResults.NotFound(),
            ResolveStatus.AlreadyResolved => TypedResults.Conflict(new ProblemDetails
            {
                Title = "Dead letter already resolved",
                Status = StatusCodes.Status409Conflict,
                Detail = $"Dead letter {result.DeadLetterId} was already replayed or discarded.",
            }),
            _ => TypedResults.UnprocessableEntity(new ProblemDetails
            {
                Title = "Replay failed",
                Status = StatusCodes.Status422UnprocessableEntity,
                Detail = result.Error,
            }),
        };
}
