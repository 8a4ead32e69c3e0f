using Grocery.Ordering.Payments;

namespace Grocery.Ordering.Apis;

/// <summary>What the storefront hands Stripe Elements to confirm the card (3-D Secure included) in the browser.</summary>
public sealed record OrderPaymentSessionResponse(string Provider, string ClientSecret, string PublishableKey)
{
    public static OrderPaymentSessionResponse? From(PaymentSession? session) =>
        session is null ? null : new(session.Provider, session.ClientSecret, session.PublishableKey);

    public override string ToString() => $"OrderPaymentSessionResponse {{ {Provider} }}";
}
