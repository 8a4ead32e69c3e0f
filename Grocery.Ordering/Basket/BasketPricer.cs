using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Basket;

/// <summary>
/// Prices a basket with one batch call to Catalog and, when an address is given, asks Delivery for the
/// zone's minimum and its fee for the subtotal (after Catalog: Delivery alone decides the fee).
/// </summary>
public sealed class BasketPricer(ICatalogClient catalog, IDeliveryClient delivery)
{
    /// <param name="known">
    /// Products the caller read from Catalog for this request; only lines outside it are asked for, so a
    /// basket change that already priced the basket's products costs one Catalog call, not two.
    /// </param>
    public async Task<PricedBasket> PriceAsync(CustomerBasket basket, string? postcode, string? district, CancellationToken cancellationToken,
        IReadOnlyDictionary<Guid, CatalogProduct>? known = null)
    {
        var products = await ProductsAsync(basket, known, cancellationToken);

        var lines = basket.Lines.Select(l =>
        {
            if (!products.TryGetValue(l.ProductId, out var product))
                return new PricedBasketLine(new PricedLine(l.ProductId, "", "", l.Quantity, false, l.SeenPrice ?? 0, 0, l.Substitution, l.SubstituteSku, l.Note), false, false, null);
            var changed = l.SeenPrice is { } seen && seen != product.Price;
            return new PricedBasketLine(
                new PricedLine(product.Id, product.Sku, product.Name, l.Quantity, product.SoldByWeight, product.Price, product.TaxClass, l.Substitution, l.SubstituteSku, l.Note),
                true, changed, changed ? l.SeenPrice : null);
        }).ToList();
        var orderable = lines.Where(l => l.Available).Select(l => l.Line).ToList();
        var subtotal = orderable.Sum(l => l.LineTotal);
        var zone = string.IsNullOrWhiteSpace(postcode) && string.IsNullOrWhiteSpace(district)
            ? null
            : await delivery.LookupZoneAsync(postcode, district, subtotal, cancellationToken);
        var fee = zone?.DeliveryFee ?? 0m;
        return new PricedBasket(lines, PriceSummary.For(orderable, fee, zone?.MinimumBasketValue ?? 0m), zone, products);
    }

    private async Task<IReadOnlyDictionary<Guid, CatalogProduct>> ProductsAsync(
        CustomerBasket basket, IReadOnlyDictionary<Guid, CatalogProduct>? known, CancellationToken cancellationToken)
    {
        if (known is null) return await catalog.GetProductsAsync(basket.Lines.Select(l => l.ProductId).ToList(), cancellationToken);
        var missing = basket.Lines.Select(l => l.ProductId).Where(id => !known.ContainsKey(id)).ToList();
        if (missing.Count == 0) return known.Where(p => basket.Lines.Any(l => l.ProductId == p.Key)).ToDictionary();
        var fetched = await catalog.GetProductsAsync(missing, cancellationToken);
        return basket.Lines.Select(l => l.ProductId).Distinct()
            .Select(id => known.TryGetValue(id, out var p) || fetched.TryGetValue(id, out p) ? p : null)
            .OfType<CatalogProduct>().ToDictionary(p => p.Id);
    }
}
