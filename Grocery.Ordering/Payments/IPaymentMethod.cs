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
}
