using GraphQL;
using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

/// <summary>The shopper's writes: basket lines, slot holds and checkout, each passed to the owning service with the caller's token.</summary>
public sealed class StorefrontMutation : ObjectGraphType
{
    public StorefrontMutation()
    {
        Name = "Mutation";

        Field<NonNullGraphType<BasketType>>("setBasketLine")
            .Description("Adds the product to the basket or changes its line; answers the repriced basket.")
            .Argument<NonNullGraphType<BasketLineInputType>>("line")
            .ResolveAsync(async context =>
            {
                StorefrontQuery.RequireSignedIn(context, "Sign in to fill your basket.");
                return await Ordering(context).SetLineAsync(context.GetArgument<BasketLineInput>("line"), context.CancellationToken);
            });

        Field<NonNullGraphType<BasketType>>("removeBasketLine")
            .Argument<NonNullGraphType<IdGraphType>>("productId")
            .ResolveAsync(async context =>
            {
                StorefrontQuery.RequireSignedIn(context, "Sign in to change your basket.");
                return await Ordering(context).RemoveLineAsync(context.GetArgument<Guid>("productId"), context.CancellationToken);
            });

        Field<NonNullGraphType<SlotHoldType>>("holdSlot")
            .Description("Holds a place in the delivery window until the hold expires; a new hold replaces the shopper's earlier one.")
            .Argument<NonNullGraphType<IdGraphType>>("slotId")
            .ResolveAsync(async context =>
            {
                StorefrontQuery.RequireSignedIn(context, "Sign in to hold a delivery slot.");
                return await Delivery(context).HoldAsync(context.GetArgument<Guid>("slotId"), context.CancellationToken);
            });

        Field<NonNullGraphType<CheckoutResultType>>("checkout")
            .Description("Places an order from the basket on the held slot, to a saved address (addressId) or a new one (address). "
                + "Send a fresh idempotencyKey per order and the same one on a retry: a repeat answers the same order and places nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("slotHoldId", a => a.Description = "The hold from holdSlot.")
            .Argument<NonNullGraphType<PaymentMethodType>>("paymentMethod")
            .Argument<IdGraphType>("addressId", a => a.Description = "One of the shopper's saved addresses (me.addresses).")
            .Argument<CheckoutAddressInputType>("address")
            .Argument<NonNullGraphType<StringGraphType>>("idempotencyKey")
            .ResolveAsync(async context =>
            {
                StorefrontQuery.RequireSignedIn(context, "Sign in to check out.");
                var key = context.GetArgument<string>("idempotencyKey");
                if (string.IsNullOrWhiteSpace(key)) throw Invalid("idempotencyKey", "Send a key of your own for this order, the same one on a retry.");
                var slotHoldId = ParseId(context.GetArgument<string>("slotHoldId"), "slotHoldId");
                var addressId = context.GetArgument<string?>("addressId") is { } saved ? ParseId(saved, "addressId") : (Guid?)null;
                await context.RequestServices!.GetRequiredService<Edge.EdgeBudgets>().ChargeCheckoutAsync(context);
                return await Ordering(context).CheckoutAsync(
                    new OrderingCheckoutRequest(slotHoldId, context.GetArgument<string>("paymentMethod"), addressId, context.GetArgument<CheckoutAddressInput?>("address")),
                    key, context.CancellationToken);
            });
    }

    /// <summary>A refusal naming the argument, shaped as a service's refusal is (extensions.fields).</summary>
    internal static ExecutionError Invalid(string field, string message)
    {
        var error = new ExecutionError(message) { Code = StorefrontErrors.BadUserInput };
        error.Extensions = new Dictionary<string, object?> { ["fields"] = new Dictionary<string, object?> { [field] = new[] { message } } };
        return error;
    }

    internal static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) && id != Guid.Empty ? id : throw Invalid(field, "Not an id this API gave out.");

    private static OrderingClient Ordering(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<OrderingClient>();

    private static DeliveryClient Delivery(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<DeliveryClient>();
}
