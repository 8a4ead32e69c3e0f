using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class SlotConfirmedHandler(OrderSaga saga) : IIntegrationEventHandler<SlotConfirmedIntegrationEvent>
{
    public Task HandleAsync(SlotConfirmedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        saga.OnSlotConfirmedAsync(@event.OrderId, cancellationToken);
}
