namespace Grocery.Ordering.Domain;

public enum OrderStatus
{
    /// <summary>Checkout accepted; waiting for stock and slot.</summary>
    Placed,
    /// <summary>Stock reserved and slot confirmed; waiting for the payment to be authorised.</summary>
    AwaitingPayment,
    Confirmed,
    Picking,
    Cancelled,
}
