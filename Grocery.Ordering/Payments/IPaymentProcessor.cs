namespace Grocery.Ordering.Payments;

/// <summary>The saga's payment step: routes to the order's <see cref="IPaymentMethod"/>.</summary>
public interface IPaymentProcessor
{
    bool Supports(PaymentMethod method);

    /// <summary>True when the shopper completes the payment in the browser (<see cref="IBrowserPaymentMethod"/>).</summary>
    bool HasBrowserPart(PaymentMethod method);

    /// <summary>The browser's part of the order's payment; null when its method has none.</summary>
    Task<PaymentSession?> StartAsync(Order order, CancellationToken cancellationToken);

    Task<PaymentAuthorization> AuthorizeAsync(Order order, CancellationToken cancellationToken);

    Task CancelAsync(Order order, CancellationToken cancellationToken);

    Task<PaymentCapture> CaptureAsync(Order order, decimal amount, CancellationToken cancellationToken);

    Task<PaymentRefund> RefundAsync(Order order, decimal amount, string reason, CancellationToken cancellationToken);
}
