using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Basket;

/// <summary>
/// Prices a basket with one batch call to Catalog and, when an address is given, asks Delivery for the
/// zone's minimum and its fee for the subtotal (after Catalog: Delivery alone decides the fee).
/// </summary>
public sealed class BasketPricer(ICatalogClient catalog, IDeliveryClient delivery)
{
    public async Task<PricedBasket> PriceAsync(CustomerBasket basket, string? postcode, string? district, CancellationToken cancellationToken)
    {
        var products = await catalog.GetProductsAsync(basket.Lines.Select(l => l.ProductId).ToList(), cancellationToken);

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
}
