namespace Grocery.Ordering.Domain;

public sealed record PriceSummary(
    decimal Subtotal,
    IReadOnlyList<VatAmount> Vat,
    decimal DeliveryFee,
    decimal Total,
    decimal MinimumBasketValue,
    bool MeetsMinimum,
    bool IsEstimate)
{
    /// <summary>Totals of VAT-inclusive lines; VAT per rate is computed on each rate's gross, not per line.</summary>
    public static PriceSummary For(IReadOnlyCollection<PricedLine> lines, decimal deliveryFee, decimal minimumBasketValue)
    {
        var subtotal = lines.Sum(l => l.LineTotal);
        var vat = lines.GroupBy(l => l.VatRate).OrderBy(g => g.Key)
            .Select(g => new VatAmount { Rate = g.Key, Gross = g.Sum(l => l.LineTotal), Vat = Money.IncludedVat(g.Sum(l => l.LineTotal), g.Key) })
            .ToList();
        return new PriceSummary(subtotal, vat, deliveryFee, subtotal + deliveryFee, minimumBasketValue,
            subtotal >= minimumBasketValue, lines.Any(l => l.SoldByWeight));
    }
}
