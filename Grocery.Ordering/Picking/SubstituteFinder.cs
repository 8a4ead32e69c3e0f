using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Picking;

/// <summary>A product the picker may offer instead of a short line, and how much of it the warehouse can still promise.</summary>
public sealed record SubstituteCandidate(CatalogProduct Product, decimal Available, decimal ChargedUnitPrice);

/// <summary>
/// Candidates that follow the shopper's preference: none for "none", only the named SKU for a named
/// substitute, and for "any similar" the active products of the same category, sold the same way, of a
/// similar size (same unit, net content within <see cref="SizeBand"/>), in stock in the order's warehouse,
/// closest in size and price first.
/// </summary>
public sealed class SubstituteFinder(ICatalogClient catalog, IInventoryClient inventory)
{
    /// <summary>Half to double the original's net content: a 500 g pack may become 250 g to 1 kg, not a 5 kg sack.</summary>
    public const decimal SizeBand = 2m;

    public const int MaxCandidates = 5;

    private const int CategoryScan = 100;

    public async Task<IReadOnlyList<SubstituteCandidate>> FindAsync(Order order, OrderItem line, CancellationToken cancellationToken)
    {
        List<CatalogProduct> products;
        switch (line.Substitution)
        {
            case SubstitutionPreference.NamedSku when line.SubstituteSku is { } named:
                products = await catalog.FindBySkuAsync(named, cancellationToken) is { } product ? [product] : [];
                break;
            case SubstitutionPreference.AnySimilar when line.CategoryId is { } category:
                products = (await catalog.ListCategoryAsync(category, CategoryScan, cancellationToken)).Where(p => IsSimilar(line, p)).ToList();
                break;
            default:
                return [];
        }
        products = products.Where(p => !string.Equals(p.Sku, line.Sku, StringComparison.OrdinalIgnoreCase)).ToList();
        if (products.Count == 0) return [];
        var available = await inventory.GetAvailableAsync(order.WarehouseId, products.Select(p => p.Sku).ToList(), cancellationToken);
        var needed = NeededQuantity(line);
        return products
            .Select(p => new SubstituteCandidate(p, available.GetValueOrDefault(p.Sku), Math.Min(p.Price, line.UnitPrice)))
            .Where(c => c.Available >= needed || (c.Product.SoldByWeight && c.Available > 0))
            .OrderBy(c => SizeDistance(line, c.Product)).ThenBy(c => Math.Abs(c.Product.Price - line.UnitPrice)).ThenBy(c => c.Product.Sku, StringComparer.Ordinal)
            .Take(MaxCandidates)
            .ToList();
    }

    /// <summary>What still has to be found for the line: all of it, less what the warehouse said it still had.</summary>
    public static decimal NeededQuantity(OrderItem line) =>
        line.SoldByWeight ? Math.Min(line.Quantity, 0.001m) : Math.Max(1m, line.Quantity - (line.ShortAvailable ?? 0m));

    private static bool IsSimilar(OrderItem line, CatalogProduct product)
    {
        if (product.SoldByWeight != line.SoldByWeight) return false;
        if (line.SoldByWeight) return true;
        if (line.Unit is null || line.NetContent is not > 0) return true;
        if (!string.Equals(product.Unit, line.Unit, StringComparison.OrdinalIgnoreCase) || product.NetContent <= 0) return false;
        var ratio = product.NetContent / line.NetContent.Value;
        return ratio >= 1 / SizeBand && ratio <= SizeBand;
    }

    private static decimal SizeDistance(OrderItem line, CatalogProduct product) =>
        line.NetContent is > 0 && product.NetContent > 0 ? Math.Abs(product.NetContent / line.NetContent.Value - 1m) : 0m;
}
