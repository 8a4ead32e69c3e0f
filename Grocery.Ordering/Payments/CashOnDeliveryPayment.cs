namespace Grocery.Ordering.Payments;

/// <summary>Nothing to authorise up front: the carrier collects the final amount at the door.</summary>
internal sealed class CashOnDeliveryPayment : IPaymentMethod
{
    public PaymentMethod Method => PaymentMethod.CashOnDelivery;

    public Task<PaymentAuthorization> AuthorizeAsync(Order order, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentAuthorization.Authorized($"cod:{order.Id}"));

    public Task CancelAsync(Order order, CancellationToken cancellationToken) => Task.CompletedTask;
}
