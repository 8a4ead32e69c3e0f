using Grocery.Catalog.Caching;
using Grocery.Catalog.Reading;
using Grocery.Contracts.Catalog;
using Grocery.Messaging;

namespace Grocery.Catalog.IntegrationEvents.EventHandling;

/// <summary>
/// The catalog's own product events, received by every replica (broadcast subscription), drop that
/// product's detail pages and all listing pages. The NOTIFY sent in the writing transaction usually
/// got there first; this path also reaches replicas that were disconnected from PostgreSQL then.
/// </summary>
public sealed class ProductCacheInvalidationHandler(CatalogCache cache, CatalogDataSources dataSources) :
    IIntegrationEventHandler<ProductCreatedIntegrationEvent>,
    IIntegrationEventHandler<ProductChangedIntegrationEvent>,
    IIntegrationEventHandler<ProductPriceChangedIntegrationEvent>,
    IIntegrationEventHandler<ProductDeactivatedIntegrationEvent>
{
    public Task HandleAsync(ProductCreatedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => InvalidateAsync(e.ProductId, ct);
    public Task HandleAsync(ProductChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => InvalidateAsync(e.ProductId, ct);
    public Task HandleAsync(ProductPriceChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => InvalidateAsync(e.ProductId, ct);
    public Task HandleAsync(ProductDeactivatedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => InvalidateAsync(e.ProductId, ct);

    private async Task InvalidateAsync(Guid productId, CancellationToken ct)
    {
        await using var cmd = dataSources.Primary.CreateCommand("SELECT slug FROM products WHERE id = @id");
        cmd.Parameters.AddWithValue("id", productId);
        var slug = await cmd.ExecuteScalarAsync(ct) as string;
        await cache.InvalidateAsync(slug is null ? [CacheTags.Listings] : [CacheTags.Listings, CacheTags.Slug(slug)], ct);
    }
}
