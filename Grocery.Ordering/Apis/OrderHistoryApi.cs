using Grocery.Ordering.Basket;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grocery.Ordering.Apis;

/// <summary>The shopper's own orders: history, detail and re-order. Another shopper's order answers 404, as if it did not exist.</summary>
public static class OrderHistoryApi
{
    private const int DefaultPageSize = 20;

    public static IEndpointRouteBuilder MapOrderHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization(GroceryPolicies.Customer);
        api.MapGet("/", ListMineAsync).WithSummary("The shopper's orders, newest first, a page at a time");
        api.MapGet("/{id:guid}", GetAsync).WithSummary("One of the shopper's orders with its status timeline");
        api.MapPost("/{id:guid}/reorder", ReorderAsync).WithSummary("Puts a past order's products that are still sold back into the basket");
        return app;
    }

    /// <summary>Pass <c>nextCursor</c> of a page as <c>cursor</c> to get the next; it is null on the last page.</summary>
    public static async Task<Results<Ok<OrderHistoryPage>, ValidationProblem>> ListMineAsync(
        HttpContext context, OrderingDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > OrderingLimits.MaxOrdersPage)
            return Invalid("limit", $"Between 1 and {OrderingLimits.MaxOrdersPage}.");
        OrderHistoryCursor? after = null;
        if (cursor is not null)
        {
            if (!OrderHistoryCursor.TryDecode(cursor, out var decoded))
                return Invalid("cursor", "Not a cursor this API gave out; start again without one.");
            after = decoded;
        }
        var userId = context.User.GetUserId()!;
        var take = limit ?? DefaultPageSize;
        var query = db.Orders.AsNoTracking().Where(o => o.UserId == userId);
        if (after is { } c)
            query = query.Where(o => EF.Functions.LessThan(ValueTuple.Create(o.PlacedAt, o.Id), ValueTuple.Create(c.PlacedAt, c.OrderId)));
        // One more than the page tells whether another page follows.
        var orders = await query.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(take + 1)
            .Select(o => new OrderSummaryResponse(o.Id, o.Status, o.PlacedAt, o.EstimatedTotal, o.SlotWindowStart))
            .ToListAsync(cancellationToken);
        var next = orders.Count > take ? new OrderHistoryCursor(orders[take - 1].PlacedAt, orders[take - 1].Id).Encode() : null;
        return TypedResults.Ok(new OrderHistoryPage(orders.Take(take).ToList(), next));
    }

    public static async Task<Results<Ok<OrderResponse>, NotFound>> GetAsync(
        HttpContext context, Guid id, OrderingDbContext db, CancellationToken cancellationToken)
    {
        var order = await FindOwnAsync(context, id, db, cancellationToken);
        return order is null ? TypedResults.NotFound() : TypedResults.Ok(OrderResponse.From(order));
    }

    public static async Task<Results<Ok<ReorderResponse>, NotFound>> ReorderAsync(
        HttpContext context, Guid id, OrderingDbContext db, Reorder reorder, [AsParameters] BasketServices services, CancellationToken cancellationToken)
    {
        var order = await FindOwnAsync(context, id, db, cancellationToken);
        if (order is null) return TypedResults.NotFound();
        var owner = BasketOwner.ForUser(context.User.GetUserId()!);
        var (basket, skipped) = await reorder.IntoBasketAsync(order, owner, cancellationToken);
        var priced = await BasketApi.PriceAndRememberAsync(owner, basket, services, order.Postcode, order.District, cancellationToken);
        return TypedResults.Ok(new ReorderResponse(priced, skipped));
    }

    private static Task<Order?> FindOwnAsync(HttpContext context, Guid id, OrderingDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.GetUserId();
        return db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.UserId == userId, cancellationToken);
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed record OrderHistoryPage(IReadOnlyList<OrderSummaryResponse> Items, string? NextCursor);

/// <summary>The basket after the re-order, and the lines of the order that did not go into it, with why.</summary>
public sealed record ReorderResponse(BasketResponse Basket, IReadOnlyList<SkippedReorderLine> Skipped);
