using GraphQL;
using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

/// <summary>The shopper's writes: basket lines and slot holds, each passed to the owning service with the caller's token.</summary>
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
    }

    private static OrderingClient Ordering(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<OrderingClient>();

    private static DeliveryClient Delivery(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<DeliveryClient>();
}
