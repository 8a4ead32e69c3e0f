using Grocery.Contracts;

namespace Grocery.Notifications.Domain;

/// <summary>
/// What the notifier remembers of an order from its events: whose it is (only OrderPlaced names the
/// shopper), the slot, and the amounts the messages quote. No address, name or phone.
/// </summary>
public sealed class OrderRecipient
{
    private OrderRecipient()
    {
        OrderedLines = [];
        PickedLines = [];
    }

    public OrderRecipient(Guid orderId, Guid userId, DateTimeOffset slotWindowStart, DateTimeOffset slotWindowEnd,
        PaymentMethod paymentMethod, decimal estimatedTotal, decimal deliveryFee, IReadOnlyList<OrderedItem> orderedLines, DateTimeOffset placedAt)
    {
        OrderId = orderId;
        UserId = userId;
        SlotWindowStart = slotWindowStart;
        SlotWindowEnd = slotWindowEnd;
        PaymentMethod = paymentMethod;
        EstimatedTotal = estimatedTotal;
        DeliveryFee = deliveryFee;
        OrderedLines = [.. orderedLines];
        PickedLines = [];
        PlacedAt = placedAt;
    }

    public Guid OrderId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset SlotWindowStart { get; private set; }

    public DateTimeOffset SlotWindowEnd { get; private set; }

    public PaymentMethod PaymentMethod { get; private set; }

    /// <summary>What the shopper expected to pay at checkout, delivery fee included (OrderPlaced's EstimatedTotal).</summary>
    public decimal EstimatedTotal { get; private set; }

    public decimal DeliveryFee { get; private set; }

    /// <summary>What the shopper pays after packing, VAT and delivery fee included (OrderPacked's FinalTotal).</summary>
    public decimal? FinalTotal { get; private set; }

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public List<OrderedItem> OrderedLines { get; private set; }

    public List<PickedItem> PickedLines { get; private set; }

    public DateTimeOffset PlacedAt { get; private set; }

    /// <summary>What the shopper sees as the order number (the storefront shows the same).</summary>
    public string Number => Grocery.Contracts.Ordering.OrderNumber.Of(OrderId);

    /// <summary>The goods alone: the final total less the delivery fee once packed, else the picked lines, else the estimate.</summary>
    public decimal Goods => FinalTotal is { } total ? total - DeliveryFee
        : PickedLines.Count > 0 ? PickedLines.Sum(l => l.LineTotal) : EstimatedTotal - DeliveryFee;

    /// <summary>The amount due: the final total once packed, else the estimate.</summary>
    public decimal Total => FinalTotal ?? EstimatedTotal;

    public void Picked(IEnumerable<PickedItem> lines) => PickedLines = [.. lines];

    public void Packed(decimal finalTotal) => FinalTotal = finalTotal;

    public void Booked(string carrier, string? trackingNumber)
    {
        Carrier = carrier;
        TrackingNumber = trackingNumber;
    }
}

/// <summary>An ordered line as OrderPlaced gave it: the estimate the substitution message compares with.</summary>
public sealed record OrderedItem(string Sku, decimal Quantity, bool SoldByWeight, decimal EstimatedLineTotal);

/// <summary>A picked line: what came in its place (if anything) and what it costs.</summary>
public sealed record PickedItem(string Sku, decimal OrderedQuantity, decimal PickedQuantity, string? SubstituteSku, decimal LineTotal);
