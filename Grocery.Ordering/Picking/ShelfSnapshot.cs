using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Picking;

/// <summary>
/// Copies each line's GTIN, storage, aisle (its category) and size from Catalog onto the order at checkout,
/// so the pick list and substitutes never depend on Catalog later. Catalog's batch read has no GTIN or
/// storage, so each product's detail is read, unless <see cref="ShelfDetailsCache"/> holds it. A detail Catalog
/// cannot give leaves the line without shelf details: the picker then confirms it by SKU and finds it in the ambient aisle.
/// </summary>
public sealed class ShelfSnapshot(ICatalogClient catalog, ShelfDetailsCache cache, ILogger<ShelfSnapshot> logger)
{
    private const int Parallel = 8;

    public async Task ApplyAsync(Order order, IReadOnlyCollection<CatalogProduct> products, CancellationToken cancellationToken)
    {
        await System.Threading.Tasks.Parallel.ForEachAsync(products.Where(p => p.Slug is not null),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (product, ct) =>
            {
                if (!cache.TryGet(product.Slug!, out var details))
                {
                    try
                    {
                        details = await catalog.GetShelfDetailsAsync(product.Slug!, ct);
                        if (details is not null) cache.Set(product.Slug!, details);
                    }
                    catch (HttpRequestException e)
                    {
                        logger.LogWarning(e, "No shelf details for {Sku}; it is picked by SKU", product.Sku);
                    }
                }
                lock (order)
                    order.RecordShelfDetails(product.Sku, details?.Gtin, Storage(details?.Storage), details?.Aisle,
                        product.CategoryId == 0 ? null : product.CategoryId, product.Unit, product.NetContent == 0 ? null : product.NetContent);
            });
    }

    private static string Storage(string? storage) => storage?.ToLowerInvariant() switch
    {
        "chilled" => "chilled",
        "frozen" => "frozen",
        _ => "ambient",
    };
}
