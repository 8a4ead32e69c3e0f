namespace Grocery.Web.Services;

public enum SubstitutionPreference
{
    None,
    AnySimilar,
    NamedSku,
}

public sealed record BasketLine(
    Guid ProductId, string Sku, string Name, decimal Quantity, string Unit, decimal UnitPrice, decimal LineTotal,
    bool IsEstimate, int VatRate, bool Available, bool PriceChanged, decimal? PreviousPrice,
    SubstitutionPreference Substitution, string? SubstituteSku, string? Note)
{
    public bool SoldByWeight => Unit == "kg";
}

public sealed record VatLine(int Rate, decimal Gross, decimal Vat);

public sealed record BasketZone(Guid ZoneId, string? Name, decimal MinimumBasketValue, bool MeetsMinimum, decimal AmountToMinimum);

public sealed record Basket(
    Guid? BasketId, IReadOnlyList<BasketLine> Lines, decimal Subtotal, IReadOnlyList<VatLine> Vat, decimal DeliveryFee,
    decimal Total, bool IsEstimate, BasketZone? Zone, bool PricesChanged)
{
    public static readonly Basket Empty = new(null, [], 0, [], 0, 0, false, null, false);

    public int ItemCount => Lines.Count;
}

public sealed record OrderItem(
    Guid ProductId, string Sku, string Name, decimal Quantity, string Unit, decimal UnitPrice, decimal LineTotal,
    bool IsEstimate, int VatRate, SubstitutionPreference Substitution, string? SubstituteSku, string? Note);

public sealed record OrderSlot(Guid SlotId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

public sealed record OrderSteps(string Stock, string Slot, string Payment, DateTimeOffset? Deadline);

public sealed record OrderCancellation(string Reason, string? Message);

public sealed record OrderTimelineEntry(string Status, DateTimeOffset At, string? Note);

/// <summary>
/// An order as its owner sees it. The changes appear as the order is picked, the receipt once it is packed
/// (null before: only the estimate exists then).
/// </summary>
public sealed record Order(
    Guid Id, string Status, DateTimeOffset PlacedAt, string PaymentMethod, IReadOnlyList<OrderItem> Items, decimal Subtotal,
    IReadOnlyList<VatLine> Vat, decimal DeliveryFee, decimal EstimatedTotal, bool IsEstimate, OrderSlot Slot, OrderSteps Steps,
    OrderCancellation? Cancellation, bool CanCancel, IReadOnlyList<OrderTimelineEntry> Timeline,
    IReadOnlyList<OrderLineChange>? Changes = null, OrderReceipt? Receipt = null);

/// <summary>A line that did not arrive as ordered; <see cref="Change"/> is Substituted, Removed, Short or Reduced, <see cref="Reason"/> the picker's note.</summary>
public sealed record OrderLineChange(
    string Sku, string Name, string Change, decimal OrderedQuantity, decimal DeliveredQuantity, string? SubstituteSku, string? SubstituteName, string? Reason);

/// <summary>The final amounts after weighing and packing, and how they are settled (paid already, or to collect at the door).</summary>
public sealed record OrderReceipt(
    IReadOnlyList<ReceiptLine> Lines, decimal Subtotal, IReadOnlyList<VatLine> Vat, decimal DeliveryFee, decimal Total, string PaymentMethod,
    decimal Paid, decimal ToCollect, decimal Refunded);

/// <summary>A line as ordered and as delivered: quantities are items, or kg for weighed lines (WeightKg is the scale's); a substitute is charged at UnitPrice.</summary>
public sealed record ReceiptLine(
    string Sku, string Name, string Unit, decimal OrderedQuantity, decimal DeliveredQuantity, decimal? WeightKg, string? SubstituteSku,
    string? SubstituteName, decimal UnitPrice, decimal LineTotal, int VatRate, string State, decimal? RefusedQuantity)
{
    public bool SoldByWeight => Unit == "kg";
}

public static class PaymentMethods
{
    public const string CashOnDelivery = "CashOnDelivery";
    public const string Card = "Card";
}

/// <summary>The checkout's answer: the new order, and for a card what Stripe Elements confirms it with (null for cash, or while Stripe is unreachable).</summary>
public sealed record PlacedOrder(Guid Id, string Status, string PaymentMethod, decimal EstimatedTotal, OrderPaymentSession? PaymentSession);

public sealed record OrderPaymentSession(string Provider, string ClientSecret, string PublishableKey);

public sealed record OrderSummary(Guid Id, string Status, DateTimeOffset PlacedAt, decimal EstimatedTotal, DateTimeOffset SlotWindowStart);

/// <summary>A page of the order history, newest first; <see cref="NextCursor"/> fetches the older ones.</summary>
public sealed record OrderHistoryPage(IReadOnlyList<OrderSummary> Items, string? NextCursor);

/// <summary>A line of the past order that did not go back into the basket; <see cref="Reason"/> is NoLongerSold, QuantityNotAllowed or BasketFull.</summary>
public sealed record SkippedProduct(Guid ProductId, string Sku, string Name, decimal Quantity, string Reason, string? Message);

/// <summary>The basket after a re-order, and what it could not take.</summary>
public sealed record ReorderResult(Basket Basket, IReadOnlyList<SkippedProduct> Skipped);
