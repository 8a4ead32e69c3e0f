using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Slots;
using Grocery.Messaging;
using Grocery.Messaging.Outbox;

namespace Grocery.Delivery.IntegrationEvents.EventHandling;

/// <summary>Books the order's slot and answers SlotConfirmed (with Delivery's fee) or SlotUnavailable.</summary>
public sealed class OrderPlacedHandler(SlotBookingService booking, IIntegrationEventOutbox outbox)
    : IIntegrationEventHandler<OrderPlacedIntegrationEvent>
{
    public async Task HandleAsync(OrderPlacedIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        // The free-delivery threshold is judged on the goods, as when Ordering asked for the fee at checkout.
        var basketValue = e.EstimatedTotal - e.DeliveryFee;
        var slot = await booking.BookAsync(e.OrderId, e.SlotId, e.SlotHoldId, basketValue, cancellationToken);
        switch (slot.Outcome)
        {
            case SlotBookingOutcome.Booked:
                outbox.Add(new SlotConfirmedIntegrationEvent(e.OrderId, e.SlotId, e.SlotHoldId, slot.ZoneId, slot.WindowStart, slot.WindowEnd, slot.Fee));
                break;
            case SlotBookingOutcome.Refused:
                outbox.Add(new SlotUnavailableIntegrationEvent(e.OrderId, e.SlotId, e.SlotHoldId, slot.RefusalReason!));
                break;
        }
    }
}
