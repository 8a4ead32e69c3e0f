namespace Grocery.Contracts;

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
