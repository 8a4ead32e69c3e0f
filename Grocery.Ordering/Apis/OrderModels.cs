namespace Grocery.Ordering.Apis;

/// <summary>
/// The order goes to exactly one of <paramref name="AddressId"/> (saved in the shopper's profile) or
/// <paramref name="Address"/> (given here). The address's postcode and district locate the delivery
/// zone; <paramref name="Postcode"/> and <paramref name="District"/> may repeat them but not differ.
/// The slot hold is the one the shopper took in the slot picker.
/// </summary>
public sealed record CheckoutRequest(
    Guid? SlotHoldId, string? Postcode, string? District, PaymentMethod? PaymentMethod, Guid? AddressId = null, CheckoutAddressRequest? Address = null);

/// <summary>A new drop-off address; latitude and longitude (both or neither) help the driver find the door.</summary>
public sealed record CheckoutAddressRequest(
    string? RecipientName, string? Phone, string? Street, string? District, string? Postcode, double? Latitude, double? Longitude)
{
    /// <summary>Personal data stays out of logs and exception messages even when the whole record is formatted.</summary>
    public override string ToString() => "CheckoutAddressRequest { redacted }";
}

public sealed record OrderResponse(
    Guid Id,
    OrderStatus Status,
    DateTimeOffset PlacedAt,
    PaymentMethod PaymentMethod,
    IReadOnlyList<OrderItemResponse> Items,
    decimal Subtotal,
    IReadOnlyList<VatResponse> Vat,
    decimal DeliveryFee,
    decimal EstimatedTotal,
    bool IsEstimate,
    OrderSlotResponse Slot,
    OrderStepsResponse Steps,
    OrderCancellationResponse? Cancellation,
    bool CanCancel,
    IReadOnlyList<OrderTimelineEntry> Timeline,
    IReadOnlyList<OrderLineChangeResponse> Changes,
    OrderReceiptResponse? Receipt)
{
    /// <summary>Only in the checkout's answer for a method the browser completes (card: Stripe Elements confirms it with these).</summary>
    public OrderPaymentSessionResponse? PaymentSession { get; init; }

    public static OrderResponse From(Order order) => new(
        order.Id, order.Status, order.PlacedAt, order.PaymentMethod,
        order.Items.Select(i => new OrderItemResponse(i.ProductId, i.Sku, i.Name, i.Quantity, i.SoldByWeight ? "kg" : "each",
            i.UnitPrice, i.LineTotal, i.SoldByWeight, i.VatRate, i.Substitution, i.SubstituteSku, i.Note)).ToList(),
        order.Subtotal,
        order.Vat.Select(v => new VatResponse(v.Rate, v.Gross, v.Vat)).ToList(),
        order.DeliveryFee, order.EstimatedTotal, order.Items.Any(i => i.SoldByWeight),
        new OrderSlotResponse(order.SlotId, order.SlotWindowStart, order.SlotWindowEnd),
        new OrderStepsResponse(order.Stock, order.Slot, order.Payment, order.Deadline),
        order.CancellationReason is { } reason ? new OrderCancellationResponse(reason, order.CancellationMessage) : null,
        order.CanBeCancelledByShopper,
        order.History.Select(h => new OrderTimelineEntry(h.Status, h.At, h.Note)).ToList(),
        OrderLineChangeResponse.From(order),
        OrderReceiptResponse.From(order));
}

public sealed record OrderItemResponse(
    Guid ProductId, string Sku, string Name, decimal Quantity, string Unit, decimal UnitPrice, decimal LineTotal,
    bool IsEstimate, int VatRate, SubstitutionPreference Substitution, string? SubstituteSku, string? Note);

public sealed record OrderSlotResponse(Guid SlotId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

public sealed record OrderStepsResponse(StepStatus Stock, StepStatus Slot, StepStatus Payment, DateTimeOffset? Deadline);

public sealed record OrderCancellationResponse(OrderCancellationReason Reason, string? Message);

public sealed record OrderTimelineEntry(OrderStatus Status, DateTimeOffset At, string? Note);

public sealed record OrderSummaryResponse(Guid Id, OrderStatus Status, DateTimeOffset PlacedAt, decimal EstimatedTotal, DateTimeOffset SlotWindowStart);

/// <summary>Step names the saga step that is late (stock, slot, payment, picking, packing, capture, booking, delivery); Age is how late.</summary>
public sealed record StuckOrderResponse(
    Guid Id, string UserId, OrderStatus Status, StepStatus Stock, StepStatus Slot, StepStatus Payment, DateTimeOffset PlacedAt, DateTimeOffset? Deadline,
    string Step, TimeSpan Age);
