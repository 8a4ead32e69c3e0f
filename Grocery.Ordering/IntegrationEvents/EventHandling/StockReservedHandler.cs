using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class StockReservedHandler(OrderSaga saga) : IIntegrationEventHandler<StockReservedIntegrationEvent>
{
    public Task HandleAsync(StockReservedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        saga.OnStockReservedAsync(@event.OrderId, @event.ExpiresAt, cancellationToken);
}
