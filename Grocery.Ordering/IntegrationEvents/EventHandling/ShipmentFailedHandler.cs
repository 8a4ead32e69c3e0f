using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class ShipmentFailedHandler(IServiceProvider services, DeliverySteps steps) : IIntegrationEventHandler<ShipmentFailedIntegrationEvent>
{
    public Task HandleAsync(ShipmentFailedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        OrderStepRunner.ApplyAsync(services, @event.OrderId, (order, _, ct) =>
            steps.FailedAsync(order, @event.ShipmentId, @event.Reason, @event.FailedAt, ct), cancellationToken);
}
