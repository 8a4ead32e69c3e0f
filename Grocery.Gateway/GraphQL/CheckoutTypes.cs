using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

public sealed class PaymentMethodType : EnumerationGraphType
{
    public PaymentMethodType()
    {
        Name = "PaymentMethod";
        Description = "How the shopper pays: cash to the driver, or a card confirmed in the browser (Stripe Elements with the checkout's client secret).";
        Add("CASH_ON_DELIVERY", "CashOnDelivery");
        Add("CARD", "Card");
    }
}

public sealed class CheckoutAddressInputType : InputObjectGraphType<CheckoutAddressInput>
{
    public CheckoutAddressInputType()
    {
        Name = "CheckoutAddressInput";
        Description = "A drop-off address for this order only; its postcode and district locate the delivery zone.";
        Field(a => a.RecipientName);
        Field(a => a.Phone);
        Field(a => a.Street);
        Field(a => a.District);
        Field(a => a.Postcode, nullable: true);
        Field(a => a.Latitude, nullable: true);
        Field(a => a.Longitude, nullable: true);
    }
}

public sealed class CheckoutResultType : ObjectGraphType<OrderingCheckout>
{
    public CheckoutResultType()
    {
        Name = "CheckoutResult";
        Field<NonNullGraphType<IdGraphType>>("orderId").Resolve(context => context.Source.Order.Id);
        Field<NonNullGraphType<StringGraphType>>("number").Description("The order number shown to the shopper.").Resolve(context => context.Source.Order.Number);
        Field<NonNullGraphType<StringGraphType>>("status").Resolve(context => context.Source.Order.Status);
        Field<NonNullGraphType<BooleanGraphType>>("repeated")
            .Description("True when this idempotency key had already placed the order: the answer is that order, and nothing new was placed.")
            .Resolve(context => context.Source.Repeated);
        Field<StringGraphType>("clientSecret")
            .Description("For a card payment, what Stripe Elements confirms the card with in the browser; null for cash on delivery.")
            .Resolve(context => context.Source.Order.PaymentSession?.ClientSecret);
        Field<StringGraphType>("publishableKey").Description("For a card payment, the Stripe key the browser uses with the client secret.")
            .Resolve(context => context.Source.Order.PaymentSession?.PublishableKey);
        Field<NonNullGraphType<OrderType>>("order").Resolve(context => context.Source.Order);
    }
}
