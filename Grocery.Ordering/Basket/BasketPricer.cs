using Grocery.Ordering.Infrastructure;

namespace Grocery.Ordering.Basket;

/// <summary>Prices a basket with one batch call to Catalog and, when an address is given, Delivery's zone fee and minimum.</summary>
public sealed class BasketPricer(ICatalogClient catalog, IDeliveryClient delivery)
{
    public async Task<PricedBasket> PriceAsync(CustomerBasket basket, string? postcode, string? district, CancellationToken cancellationToken)
    {
        var productsTask = catalog.GetProductsAsync(basket.Lines.Select(l => l.ProductId).ToList(), cancellationToken);
        var zoneTask = string.IsNullOrWhiteSpace(postcode) && string.IsNullOrWhiteSpace(district)
            ? Task.FromResult<DeliveryZone?>(null)
            : delivery.LookupZoneAsync(postcode, district, cancellationToken);
        var products = await productsTask;
        var zone = await zoneTask;

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
        var fee = zone?.FeeFor(zone.StandardFee, subtotal) ?? 0m;
        return new PricedBasket(lines, PriceSummary.For(orderable, fee, zone?.MinimumBasketValue ?? 0m), zone);
    }
}
