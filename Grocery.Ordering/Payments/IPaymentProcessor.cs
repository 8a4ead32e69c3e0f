namespace Grocery.Ordering.Payments;

/// <summary>The saga's payment step: routes to the order's <see cref="IPaymentMethod"/>.</summary>
public interface IPaymentProcessor
{
    bool Supports(PaymentMethod method);

    Task<PaymentAuthorization> AuthorizeAsync(Order order, CancellationToken cancellationToken);

    Task CancelAsync(Order order, CancellationToken cancellationToken);

    Task<PaymentCapture> CaptureAsync(Order order, decimal amount, CancellationToken cancellationToken);

    Task<PaymentRefund> RefundAsync(Order order, decimal amount, string reason, CancellationToken cancellationToken);
}
