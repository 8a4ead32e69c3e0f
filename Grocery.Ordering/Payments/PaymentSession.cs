namespace Grocery.Ordering.Payments;

/// <summary>
/// What the browser needs to complete a payment itself (a card's 3-D Secure through Stripe Elements):
/// the provider's reference, the secret that lets the browser confirm it, and the key the browser uses.
/// </summary>
public sealed record PaymentSession(string Provider, string Reference, string ClientSecret, string PublishableKey)
{
    /// <summary>The client secret confirms a payment: it never goes into a log.</summary>
    public override string ToString() => $"PaymentSession {{ {Provider}, {Reference} }}";
}

/// <summary>A payment method the shopper completes in the browser after checkout; the saga waits for it (Pending).</summary>
public interface IBrowserPaymentMethod : IPaymentMethod
{
    /// <summary>Creates the provider's payment for the order, or returns the one it already has (idempotent by order).</summary>
    Task<PaymentSession> StartAsync(Order order, CancellationToken cancellationToken);
}

/// <summary>The payment provider could not be reached or answered with a server error; the step is tried again later.</summary>
public sealed class PaymentProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
