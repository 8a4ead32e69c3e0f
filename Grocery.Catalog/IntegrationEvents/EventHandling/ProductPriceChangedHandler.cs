using Grocery.Catalog.Caching;
using Grocery.Contracts.Catalog;
using Grocery.Messaging;

namespace Grocery.Catalog.IntegrationEvents.EventHandling;

public sealed class ProductPriceChangedHandler(ProductCacheInvalidator invalidator) : IIntegrationEventHandler<ProductPriceChangedIntegrationEvent>
{
    public Task HandleAsync(ProductPriceChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => invalidator.InvalidateAsync(e.ProductId, ct);
}
