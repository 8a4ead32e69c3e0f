using Grocery.Ordering.Ops;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Ordering.Apis;

public static class OrderMetricsApi
{
    public static IEndpointRouteBuilder MapOrderMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization(GroceryPolicies.Admin);
        api.MapGet("/metrics", GetMetricsAsync)
            .WithSummary("Orders placed per hour and how their sagas ended, over the last hours (24 unless given, at most 168), zero-filled (admins)");
        return app;
    }

    public static async Task<Results<Ok<OrderMetricsResponse>, ValidationProblem>> GetMetricsAsync(
        int? hours, OrderingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var window = hours ?? OrderMetrics.DefaultHours;
        if (window is < 1 or > OrderMetrics.MaxHours)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hours"] = [$"Hours is between 1 and {OrderMetrics.MaxHours}."] });
        return TypedResults.Ok(await OrderMetrics.ReadAsync(db, time.GetUtcNow(), window, cancellationToken));
    }
}

/// <summary>Hour is the start of a UTC hour; the last one is the current, still running hour.</summary>
public sealed record HourlyOrders(DateTimeOffset Hour, int Orders);

public sealed record SagaOutcomeCount(SagaOutcome Outcome, int Orders);

/// <summary>Orders placed from <see cref="From"/> to <see cref="To"/>: per hour, and per saga outcome (every outcome listed).</summary>
public sealed record OrderMetricsResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HourlyOrders> OrdersPerHour, IReadOnlyList<SagaOutcomeCount> SagaOutcomes);
