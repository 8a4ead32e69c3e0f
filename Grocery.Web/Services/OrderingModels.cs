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

public sealed record Order(
    Guid Id, string Status, DateTimeOffset PlacedAt, string PaymentMethod, IReadOnlyList<OrderItem> Items, decimal Subtotal,
    IReadOnlyList<VatLine> Vat, decimal DeliveryFee, decimal EstimatedTotal, bool IsEstimate, OrderSlot Slot, OrderSteps Steps,
    OrderCancellation? Cancellation, bool CanCancel, IReadOnlyList<OrderTimelineEntry> Timeline);

public sealed record OrderSummary(Guid Id, string Status, DateTimeOffset PlacedAt, decimal EstimatedTotal, DateTimeOffset SlotWindowStart);

/// <summary>One page of the order history; the page shows the newest orders.</summary>
public sealed record OrderHistoryPage(IReadOnlyList<OrderSummary> Items, string? NextCursor);
