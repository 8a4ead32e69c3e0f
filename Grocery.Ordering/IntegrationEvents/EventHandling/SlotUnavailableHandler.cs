using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.IntegrationEvents.EventHandling;

public sealed class SlotUnavailableHandler(OrderSaga saga) : IIntegrationEventHandler<SlotUnavailableIntegrationEvent>
{
    public Task HandleAsync(SlotUnavailableIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken) =>
        saga.OnSlotUnavailableAsync(@event.OrderId, @event.Reason, cancellationToken);
}
