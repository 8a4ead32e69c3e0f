using Grocery.Ordering.Clients;
using Grocery.Ordering.Saga;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Grocery.Ordering.Picking;

/// <summary>
/// Shelf details as Catalog last gave them, per product slug, for <see cref="OrderingOptions.ShelfDetailsLifetime"/>.
/// Every checkout copies them for each line, and a product's GTIN, storage and category rarely change, so a
/// checkout asks Catalog only about products nobody ordered lately. The price is never cached: checkout reads it
/// from Catalog every time. A change reaches new orders within the lifetime; the picker can still confirm a line
/// by SKU, as for a line without details.
/// </summary>
public sealed class ShelfDetailsCache(IOptions<OrderingOptions> options) : IDisposable
{
    private const int MaxProducts = 50_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxProducts });

    public bool TryGet(string slug, out CatalogShelfDetails? details) => _cache.TryGetValue(slug, out details);

    /// <summary>Only what Catalog answered is kept: a product it no longer lists or a failed call is asked about again.</summary>
    public void Set(string slug, CatalogShelfDetails details)
    {
        if (options.Value.ShelfDetailsLifetime <= TimeSpan.Zero) return;
        _cache.Set(slug, details, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.ShelfDetailsLifetime });
    }

    public void Dispose() => _cache.Dispose();
}
