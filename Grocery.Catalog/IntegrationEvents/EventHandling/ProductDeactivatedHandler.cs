using Grocery.Catalog.Caching;
using Grocery.Contracts.Catalog;
using Grocery.Messaging;

namespace Grocery.Catalog.IntegrationEvents.EventHandling;

public sealed class ProductDeactivatedHandler(ProductCacheInvalidator invalidator) : IIntegrationEventHandler<ProductDeactivatedIntegrationEvent>
{
    public Task HandleAsync(ProductDeactivatedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct) => invalidator.InvalidateAsync(e.ProductId, ct);
}
