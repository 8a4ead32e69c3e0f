using Grocery.Ordering.Checkout;
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
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null) return TypedResults.NotFound();
        if (order.Status == OrderStatus.Picking) return TypedResults.Ok(OrderResponse.From(order));
        try
        {
            order.StartPicking(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(OrderResponse.From(order));
        }
        catch (InvalidOrderTransitionException e)
        {
            return TypedResults.Problem(title: "Picking cannot start", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(title: "The order changed", detail: "The order changed meanwhile (for example it was cancelled); reload it.", statusCode: StatusCodes.Status409Conflict);
        }
    }
}
