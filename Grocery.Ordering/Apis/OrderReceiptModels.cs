namespace Grocery.Ordering.Apis;

/// <summary>
/// What the shopper pays once the order is packed: each line as ordered and as picked, the VAT per rate
/// of the final amounts, the delivery fee fixed at checkout, and how it is settled. Null until packed,
/// when only the estimate on the order exists.
/// </summary>
public sealed record OrderReceiptResponse(
    IReadOnlyList<ReceiptLineResponse> Lines,
    decimal Subtotal,
    IReadOnlyList<VatResponse> Vat,
    decimal DeliveryFee,
    decimal Total,
    PaymentMethod PaymentMethod,
    decimal Paid,
    decimal ToCollect,
    decimal Refunded)
{
    public static OrderReceiptResponse? From(Order order)
    {
        if (order.FinalTotal is not { } total) return null;
        var lines = order.Items.Select(i => new ReceiptLineResponse(
            i.Sku, i.Name, i.SoldByWeight ? "kg" : "each", i.Quantity, i.DeliveredQuantity, i.WeightKg,
            i.PickedSubstituteSku, i.PickedSubstituteName, i.ChargedUnitPrice, i.FinalLineTotal ?? 0m, i.ChargedVatRate, i.PickState,
            i.RefusedQuantity)).ToList();
        // Cash counts as paid once the driver collected it; until then it is still to collect.
        var paid = (order.CapturedAmount ?? 0m) + (order.CashCollected ?? 0m);
        var toCollect = order.CashCollected is null && order.Status != OrderStatus.DeliveryFailed ? order.AmountToCollect ?? 0m : 0m;
        return new(lines, order.FinalSubtotal ?? 0m, order.FinalVat.Select(v => new VatResponse(v.Rate, v.Gross, v.Vat)).ToList(),
            order.DeliveryFee, total, order.PaymentMethod, paid, toCollect, order.RefundedAmount);
    }
}

/// <summary>
/// OrderedQuantity and DeliveredQuantity are items, or kg for weighed lines (WeightKg is the scale's);
/// a substituted line delivers the substitute, charged at UnitPrice (never more than the original's).
/// </summary>
public sealed record ReceiptLineResponse(
    string Sku,
    string Name,
    string Unit,
    decimal OrderedQuantity,
    decimal DeliveredQuantity,
    decimal? WeightKg,
    string? SubstituteSku,
    string? SubstituteName,
    decimal UnitPrice,
    decimal LineTotal,
    int VatRate,
    LinePickState State,
    decimal? RefusedQuantity);

/// <summary>A line that did not arrive as ordered: substituted, removed, short or picked in a smaller amount, and why.</summary>
public sealed record OrderLineChangeResponse(
    string Sku, string Name, OrderLineChange Change, decimal OrderedQuantity, decimal DeliveredQuantity,
    string? SubstituteSku, string? SubstituteName, string? Reason)
{
    public static IReadOnlyList<OrderLineChangeResponse> From(Order order) =>
        order.Items.Select(i => (Item: i, Change: ChangeOf(i))).Where(x => x.Change is not null)
            .Select(x => new OrderLineChangeResponse(x.Item.Sku, x.Item.Name, x.Change!.Value, x.Item.Quantity, x.Item.DeliveredQuantity,
                x.Item.PickedSubstituteSku, x.Item.PickedSubstituteName, x.Item.PickNote))
            .ToList();

    private static OrderLineChange? ChangeOf(OrderItem item) => item.PickState switch
    {
        LinePickState.Substituted => OrderLineChange.Substituted,
        LinePickState.Removed => OrderLineChange.Removed,
        LinePickState.Short => OrderLineChange.Short,
        // A weighed line differs from its estimate by design; only counted lines can come fewer.
        LinePickState.Picked when !item.SoldByWeight && item.PickedQuantity < item.Quantity => OrderLineChange.Reduced,
        _ => null,
    };
}

public enum OrderLineChange
{
    Substituted,
    Removed,
    /// <summary>Marked short before or during picking; the picker has not substituted or removed it yet.</summary>
    Short,
    /// <summary>Fewer items than ordered were on the shelf.</summary>
    Reduced,
}
