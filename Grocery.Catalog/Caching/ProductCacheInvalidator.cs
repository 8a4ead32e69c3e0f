using Grocery.Catalog.Reading;

namespace Grocery.Catalog.Caching;

/// <summary>
/// Drops a product's detail pages and all listing pages when one of the catalog's own product events
/// reaches a replica (broadcast subscription). The NOTIFY sent in the writing transaction usually got
/// there first; this path also reaches replicas that were disconnected from PostgreSQL then.
/// </summary>
public sealed class ProductCacheInvalidator(CatalogCache cache, CatalogDataSources dataSources)
{
    public async Task InvalidateAsync(Guid productId, CancellationToken ct)
    {
        await using var cmd = dataSources.Primary.CreateCommand("SELECT slug FROM products WHERE id = @id");
        cmd.Parameters.AddWithValue("id", productId);
        var slug = await cmd.ExecuteScalarAsync(ct) as string;
        await cache.InvalidateAsync(slug is null ? [CacheTags.Listings] : [CacheTags.Listings, CacheTags.Slug(slug)], ct);
    }
}
