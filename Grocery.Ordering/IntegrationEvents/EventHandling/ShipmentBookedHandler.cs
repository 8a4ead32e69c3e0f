using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class ShipmentBookedHandler(IServiceProvider services, DeliverySteps steps) : IIntegrationEventHandler<ShipmentBookedIntegrationEvent>
{
    public Task HandleAsync(ShipmentBookedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        OrderStepRunner.ApplyAsync(services, @event.OrderId, (order, _, _) =>
            steps.BookedAsync(order, @event.ShipmentId, @event.Carrier, @event.TrackingNumber, @event.BookedAt), cancellationToken);
}
