using Grocery.Contracts.Delivery;
using Grocery.Messaging;
using Grocery.Web.Shopping;

namespace Grocery.Web.IntegrationEvents.EventHandling;

/// <summary>Feeds every replica's <see cref="LiveSlots"/>, which pushes the change to open slot pickers.</summary>
public sealed class SlotAvailabilityChangedHandler(LiveSlots slots) : IIntegrationEventHandler<SlotAvailabilityChangedIntegrationEvent>
{
    public Task HandleAsync(SlotAvailabilityChangedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        slots.Apply(@event, @event.Version);
        return Task.CompletedTask;
    }
}
