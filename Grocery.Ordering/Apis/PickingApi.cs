using Grocery.Ordering.Picking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Ordering.Apis;

/// <summary>The start of picking: from here on the shopper can no longer cancel.</summary>
public static class PickingApi
{
    public static IEndpointRouteBuilder MapPickingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/picking").WithTags("Picking").RequireAuthorization(GroceryPolicies.Picker);
        api.MapPost("/{orderId:guid}/start", StartAsync);
        return app;
    }

    public static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> StartAsync(
        Guid orderId, OrderingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await db.StartPickingAsync(orderId, time.GetUtcNow(), cancellationToken);
        if (result.Order is null) return TypedResults.NotFound();
        if (result.RefusalTitle is { } title)
            return TypedResults.Problem(title: title, detail: result.RefusalDetail, statusCode: StatusCodes.Status409Conflict);
        return TypedResults.Ok(OrderResponse.From(result.Order));
    }
}
