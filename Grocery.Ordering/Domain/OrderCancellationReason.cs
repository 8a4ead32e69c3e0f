namespace Grocery.Ordering.Domain;

public enum OrderCancellationReason
{
    CustomerRequested,
    StockUnavailable,
    SlotUnavailable,
    PaymentFailed,
    Timeout,
    DeliveryFailed,
    StaffCancelled,
}
