namespace Grocery.Ordering.Payments;

/// <summary>
/// One way to pay. Implementations must be idempotent by order id: the saga may authorise or cancel
/// the same order again after a crash or a redelivered event.
/// </summary>
public interface IPaymentMethod
{
    PaymentMethod Method { get; }

    Task<PaymentAuthorization> AuthorizeAsync(Order order, CancellationToken cancellationToken);

    /// <summary>Voids an authorisation during compensation; nothing is owed afterwards.</summary>
    Task CancelAsync(Order order, CancellationToken cancellationToken);

    /// <summary>Takes the final amount after packing (partial when lower than authorised; never more).</summary>
    Task<PaymentCapture> CaptureAsync(Order order, decimal amount, CancellationToken cancellationToken);

    /// <summary>Returns <paramref name="amount"/> of a captured or collected payment; idempotent by order and reason.</summary>
    Task<PaymentRefund> RefundAsync(Order order, decimal amount, string reason, CancellationToken cancellationToken);
}
