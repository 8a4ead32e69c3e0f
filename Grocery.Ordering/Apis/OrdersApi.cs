using Grocery.Ordering.Checkout;
using Grocery.Ordering.Payments;
using Grocery.Ordering.Saga;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Grocery.Ordering.Apis;

public static class OrdersApi
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization(GroceryPolicies.Customer);
        api.MapPost("/", CheckoutAsync)
            .WithSummary("Places an order from the basket on a held delivery slot; needs an Idempotency-Key, and a repeat returns the same order and payment session");
        api.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithSummary("Cancels one of the shopper's orders until picking starts; cancelling a cancelled order returns it unchanged");
        api.MapGet("/stuck", ListStuckAsync).RequireAuthorization(GroceryPolicies.Admin)
            .WithSummary("Orders whose next step is late, oldest first, with that step and how late it is (admins)");
        return app;
    }

    public static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> CheckoutAsync(
        HttpContext context, CheckoutRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        CheckoutService checkout, PaymentSessions sessions, CancellationToken cancellationToken)
    {
        var result = await checkout.CheckoutAsync(context.User.GetUserId()!, idempotencyKey, request, cancellationToken);
        return result switch
        {
            CheckoutResult.Placed placed => TypedResults.Created($"/api/v1/orders/{placed.Order.Id}", await WithPaymentSessionAsync(placed.Order)),
            CheckoutResult.Repeated repeated => TypedResults.Ok(await WithPaymentSessionAsync(repeated.Order)),
            CheckoutResult.KeyReused => TypedResults.Problem(
                title: "Idempotency-Key already used",
                detail: "This Idempotency-Key was already used for a different checkout request. Use a new key for a new order.",
                statusCode: StatusCodes.Status422UnprocessableEntity),
            CheckoutResult.HoldTaken taken => HoldTaken(taken.OrderId),
            CheckoutResult.Invalid invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }),
            _ => throw new InvalidOperationException($"Unexpected checkout result {result}."),
        };

        // A repeated checkout gets the same session: the browser may have lost the first answer.
        async Task<OrderResponse> WithPaymentSessionAsync(Order order) =>
            OrderResponse.From(order) with { PaymentSession = OrderPaymentSessionResponse.From(await sessions.StartAsync(order, cancellationToken)) };
    }

    /// <summary>A hold backs one order: a second checkout on it is refused before anything is written, and the basket stays as it is.</summary>
    private static ProblemHttpResult HoldTaken(Guid? orderId)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["slotHoldId"] = ["This delivery slot hold already backs an order. Choose a slot again to place another order."],
        })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The delivery slot hold already backs an order",
            Type = "https://grocery.local/problems/slot-hold-used",
        };
        if (orderId is { } id) problem.Extensions["orderId"] = id;
        return TypedResults.Problem(problem);
    }

    /// <summary>Allowed until picking starts; cancelling a cancelled order returns it unchanged.</summary>
    public static async Task<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>> CancelAsync(
        HttpContext context, Guid id, OrderStepRunner runner, CancellationToken cancellationToken)
    {
        var userId = context.User.GetUserId();
        return await runner.RunAsync<Results<Ok<OrderResponse>, NotFound, ProblemHttpResult>>(id, async (order, services, ct) =>
        {
            if (order is null || order.UserId != userId) return TypedResults.NotFound();
            if (order.Status == OrderStatus.Cancelled) return TypedResults.Ok(OrderResponse.From(order));
            if (!order.CanBeCancelledByShopper)
                return TypedResults.Problem(title: "The order can no longer be cancelled",
                    detail: "Picking has started, so the order can no longer be cancelled. Please contact support.",
                    statusCode: StatusCodes.Status409Conflict);
            await services.GetRequiredService<OrderSaga>().CancelAsync(order, OrderCancellationReason.CustomerRequested, null, ct);
            return TypedResults.Ok(OrderResponse.From(order));
        }, cancellationToken);
    }

    /// <summary>Every saga past the time its next step should have happened, oldest first, with that step and its age.</summary>
    public static async Task<Ok<List<StuckOrderResponse>>> ListStuckAsync(
        OrderingDbContext db, TimeProvider time, IOptions<OrderingOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await StuckSagas.ListAsync(db, time.GetUtcNow(), options.Value, 500, cancellationToken));
}
