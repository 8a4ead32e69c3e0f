using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class ShipmentDeliveredHandler(IServiceProvider services, DeliverySteps steps) : IIntegrationEventHandler<ShipmentDeliveredIntegrationEvent>
{
    public Task HandleAsync(ShipmentDeliveredIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        OrderStepRunner.ApplyAsync(services, @event.OrderId, (order, _, ct) =>
            steps.DeliveredAsync(order, @event.ShipmentId, @event.DeliveredAt, @event.CashCollected,
                (@event.RefusedLines ?? []).Select(l => (l.Sku, l.Quantity, l.Reason)), ct), cancellationToken);
}
