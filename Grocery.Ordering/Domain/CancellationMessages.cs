namespace Grocery.Ordering.Domain;

/// <summary>What the shopper reads when an order is cancelled.</summary>
public static class CancellationMessages
{
    public static string For(OrderCancellationReason reason, string? detail) => reason switch
    {
        OrderCancellationReason.CustomerRequested => "You cancelled this order.",
        OrderCancellationReason.StockUnavailable => "Some items are no longer in stock" + Suffix(detail),
        OrderCancellationReason.SlotUnavailable => "Your delivery slot is no longer available" + Suffix(detail),
        OrderCancellationReason.PaymentFailed => "Your payment could not be authorised" + Suffix(detail),
        OrderCancellationReason.Timeout => "We could not confirm your order in time. Nothing has been charged; please try again.",
        OrderCancellationReason.DeliveryFailed => "The delivery could not be completed" + Suffix(detail),
        OrderCancellationReason.StaffCancelled => "The store cancelled this order" + Suffix(detail),
        _ => "The order was cancelled.",
    };

    private static string Suffix(string? detail) => string.IsNullOrWhiteSpace(detail) ? "." : $": {detail}.";
}
