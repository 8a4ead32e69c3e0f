using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Picking;

/// <summary>A product the picker may offer instead of a short line, and how much of it the warehouse can still promise.</summary>
public sealed record SubstituteCandidate(CatalogProduct Product, decimal Available, decimal ChargedUnitPrice);

/// <summary>
/// Candidates that follow the shopper's preference: none for "none", only the named SKU for a named
/// substitute, and for "any similar" the active products of the same category, sold the same way, of a
/// similar size (net content within <see cref="SizeBand"/>, litres and kilograms counted in millilitres and grams), in stock in the order's warehouse,
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
        return SizeRatio(line.Unit, line.NetContent.Value, product.Unit, product.NetContent) is { } ratio && ratio >= 1 / SizeBand && ratio <= SizeBand;
    }

    /// <summary>
    /// The other pack's size over this one's, both in the smaller unit (a 1 l bottle is 1,000 ml, so a 500 ml one is half);
    /// null when they measure different things or a size is missing.
    /// </summary>
    internal static decimal? SizeRatio(string unit, decimal content, string? otherUnit, decimal otherContent)
    {
        var (baseUnit, amount) = InSmallerUnit(unit, content);
        var (otherBaseUnit, otherAmount) = InSmallerUnit(otherUnit ?? "", otherContent);
        return amount > 0 && otherAmount > 0 && string.Equals(baseUnit, otherBaseUnit, StringComparison.OrdinalIgnoreCase) ? otherAmount / amount : null;
    }

    private static (string Unit, decimal Amount) InSmallerUnit(string unit, decimal content) => unit.ToLowerInvariant() switch
    {
        "kg" => ("g", content * 1000m),
        "l" => ("ml", content * 1000m),
        var other => (other, content),
    };

    private static decimal SizeDistance(OrderItem line, CatalogProduct product) =>
        line.Unit is { } unit && line.NetContent is > 0 && SizeRatio(unit, line.NetContent.Value, product.Unit, product.NetContent) is { } ratio
            ? Math.Abs(ratio - 1m) : 0m;
}
