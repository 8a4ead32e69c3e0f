using Grocery.Catalog.Caching;
using Grocery.Contracts.Catalog;
using Grocery.Messaging;

namespace Grocery.Catalog.IntegrationEvents.EventHandling;

public sealed class ProductCreatedHandler(ProductCacheInvalidator invalidator) : IIntegrationEventHandler<ProductCreatedIntegrationEvent>
{
    public Task HandleAsync(ProductCreatedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => invalidator.InvalidateAsync(e.ProductId, ct);
}
