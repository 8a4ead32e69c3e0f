using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

/// <summary>A page of the shopper's orders as Ordering lists them, newest first.</summary>
public sealed record OrderingOrderPage(IReadOnlyList<OrderingOrderSummary> Items, string? NextCursor);

public sealed record OrderingOrderSummary(Guid Id, string Status, DateTimeOffset PlacedAt, decimal EstimatedTotal, DateTimeOffset SlotWindowStart)
{
    /// <summary>The short number the storefront, the mails and the bag labels show: the id's first eight characters.</summary>
    public string Number => Id.ToString("N")[..8].ToUpperInvariant();
}

public sealed class OrderConnectionType : ObjectGraphType<OrderingOrderPage>
{
    public OrderConnectionType()
    {
        Name = "OrderConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrderSummaryType>>>>("nodes").Resolve(context => context.Source.Items);
        Field<NonNullGraphType<OrderPageInfoType>>("pageInfo").Resolve(context => context.Source);
    }
}

public sealed class OrderPageInfoType : ObjectGraphType<OrderingOrderPage>
{
    public OrderPageInfoType()
    {
        Name = "OrderPageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(context => context.Source.NextCursor is not null);
        Field<StringGraphType>("endCursor").Resolve(context => context.Source.NextCursor);
    }
}

public sealed class OrderSummaryType : ObjectGraphType<OrderingOrderSummary>
{
    public OrderSummaryType()
    {
        Name = "OrderSummary";
        Field(o => o.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(o => o.Number).Description("The order number shown to the shopper.");
        Field(o => o.Status).Description("Placed, AwaitingPayment, Confirmed, Picking, Packed, ReadyForDispatch, OutForDelivery, Delivered, DeliveryFailed or Cancelled.");
        Field(o => o.PlacedAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
        Field(o => o.EstimatedTotal).Description("The total at checkout, in đồng; weighed goods are settled at packing.");
        Field(o => o.SlotWindowStart, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>));
    }
}
