using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class ShipmentDispatchedHandler(IServiceProvider services, DeliverySteps steps) : IIntegrationEventHandler<ShipmentDispatchedIntegrationEvent>
{
    public Task HandleAsync(ShipmentDispatchedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        OrderStepRunner.ApplyAsync(services, @event.OrderId, (order, _, _) =>
            steps.DispatchedAsync(order, @event.ShipmentId, @event.Carrier, @event.DispatchedAt), cancellationToken);
}
