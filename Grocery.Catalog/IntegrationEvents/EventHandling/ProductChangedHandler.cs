using Grocery.Catalog.Caching;
using Grocery.Contracts.Catalog;
using Grocery.Messaging;

namespace Grocery.Catalog.IntegrationEvents.EventHandling;

public sealed class ProductChangedHandler(ProductCacheInvalidator invalidator) : IIntegrationEventHandler<ProductChangedIntegrationEvent>
{
    public Task HandleAsync(ProductChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => invalidator.InvalidateAsync(e.ProductId, ct);
}
