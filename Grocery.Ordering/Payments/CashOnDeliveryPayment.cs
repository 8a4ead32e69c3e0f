namespace Grocery.Ordering.Payments;

/// <summary>Nothing to authorise up front: the carrier collects the final amount at the door.</summary>
internal sealed class CashOnDeliveryPayment : IPaymentMethod
{
    public PaymentMethod Method => PaymentMethod.CashOnDelivery;

    public Task<PaymentAuthorization> AuthorizeAsync(Order order, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentAuthorization.Authorized($"cod:{order.Id}"));

    public Task CancelAsync(Order order, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<PaymentCapture> CaptureAsync(Order order, decimal amount, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentCapture.CollectOnDelivery(amount, $"cod:{order.Id}"));

    /// <summary>Before the door nothing was paid, so a refund only lowers what the driver collects; it is recorded all the same.</summary>
    public Task<PaymentRefund> RefundAsync(Order order, decimal amount, string reason, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentRefund(amount, $"cod-refund:{order.Id}:{reason}", MoneyReturned: false));
}
