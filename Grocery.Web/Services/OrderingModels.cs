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
/// An order as its owner sees it. Substitutions, removals and the receipt exist once the order has been
/// picked and packed; before that they are empty or null.
/// </summary>
public sealed record Order(
    Guid Id, string Status, DateTimeOffset PlacedAt, string PaymentMethod, IReadOnlyList<OrderItem> Items, decimal Subtotal,
    IReadOnlyList<VatLine> Vat, decimal DeliveryFee, decimal EstimatedTotal, bool IsEstimate, OrderSlot Slot, OrderSteps Steps,
    OrderCancellation? Cancellation, bool CanCancel, IReadOnlyList<OrderTimelineEntry> Timeline,
    IReadOnlyList<OrderSubstitution>? Substitutions = null, IReadOnlyList<OrderRemoval>? Removals = null, OrderReceipt? Receipt = null,
    string? FailureReason = null);

/// <summary>A line the picker replaced: what was ordered, what came instead, and why.</summary>
public sealed record OrderSubstitution(string Sku, string Name, string SubstituteSku, string? SubstituteName, decimal Quantity, string? Reason);

/// <summary>A line that will not arrive, and why (out of stock with no substitute wanted, none in stock, refused at the door).</summary>
public sealed record OrderRemoval(string Sku, string Name, decimal Quantity, string? Reason);

/// <summary>The final amounts after weighing and packing: what the shopper pays, paid already or to be collected at the door.</summary>
public sealed record OrderReceipt(
    IReadOnlyList<ReceiptLine> Lines, IReadOnlyList<VatLine> Vat, decimal DeliveryFee, decimal Total, decimal Paid, decimal ToCollect);

public sealed record ReceiptLine(string Sku, string Name, decimal Quantity, decimal? WeightKg, decimal UnitPrice, decimal LineTotal, int VatRate,
    string? SubstituteFor = null);

public sealed record OrderSummary(Guid Id, string Status, DateTimeOffset PlacedAt, decimal EstimatedTotal, DateTimeOffset SlotWindowStart);

/// <summary>A page of the order history, newest first; <see cref="NextCursor"/> fetches the older ones.</summary>
public sealed record OrderHistoryPage(IReadOnlyList<OrderSummary> Items, string? NextCursor);

/// <summary>A line of the past order that did not go back into the basket; <see cref="Reason"/> is NoLongerSold, QuantityNotAllowed or BasketFull.</summary>
public sealed record SkippedProduct(Guid ProductId, string Sku, string Name, decimal Quantity, string Reason, string? Message);

/// <summary>The basket after a re-order, and what it could not take.</summary>
public sealed record ReorderResult(Basket Basket, IReadOnlyList<SkippedProduct> Skipped);
