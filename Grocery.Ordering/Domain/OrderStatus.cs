namespace Grocery.Ordering.Domain;

public enum OrderStatus
{
    /// <summary>Checkout accepted; waiting for stock and slot.</summary>
    Placed,
    /// <summary>Stock reserved and slot confirmed; waiting for the payment to be authorised.</summary>
    AwaitingPayment,
    Confirmed,
    /// <summary>A picker claimed the order; the shopper can no longer cancel.</summary>
    Picking,
    /// <summary>Picked and bagged: weights, substitutions and removals are final, and so is the total.</summary>
    Packed,
    /// <summary>The final amount is captured (card) or set to collect (cash on delivery); Delivery books a carrier.</summary>
    ReadyForDispatch,
    OutForDelivery,
    Delivered,
    /// <summary>The carrier could not deliver; the stock comes back and the payment is voided or refunded.</summary>
    DeliveryFailed,
    Cancelled,
}
