using Grocery.Contracts.Ordering;
using Grocery.Delivery.Shipping;
using Grocery.Messaging;

namespace Grocery.Delivery.IntegrationEvents.EventHandling;

public sealed class OrderReadyForDispatchHandler(ShipmentDispatcher dispatcher) : IIntegrationEventHandler<OrderReadyForDispatchIntegrationEvent>
{
    public Task HandleAsync(OrderReadyForDispatchIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(e, cancellationToken);
}
