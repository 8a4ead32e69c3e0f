using Grocery.Contracts.Ordering;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Shipping;
using Grocery.Delivery.Slots;
using Grocery.Messaging;

namespace Grocery.Delivery.IntegrationEvents.EventHandling;

/// <summary>Gives the order's slot capacity back and cancels a booking the carrier has not collected yet.</summary>
public sealed class OrderCancelledHandler(
    DeliveryDbContext db, SlotBookingService booking, CarrierRegistry carriers, ShipmentTracker tracker, TimeProvider time, ILogger<OrderCancelledHandler> logger)
    : IIntegrationEventHandler<OrderCancelledIntegrationEvent>
{
    public async Task HandleAsync(OrderCancelledIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await booking.ReleaseOrderAsync(e.OrderId, cancellationToken);

        var shipment = await db.Shipments.SingleOrDefaultAsync(s => s.OrderId == e.OrderId, cancellationToken);
        if (shipment is null || shipment.Status != ShipmentStatus.Booked) return;
        if (shipment.CarrierReference is { } reference && carriers.TryGet(shipment.Carrier, out var carrier))
        {
            try
            {
                await carrier.CancelAsync(reference, cancellationToken);
            }
            catch (CarrierException ex) when (!ex.Retryable)
            {
                // The carrier refuses (e.g. already cancelled on its side); the order is cancelled regardless.
                logger.LogWarning(ex, "Carrier {Carrier} refused to cancel {Reference}", shipment.Carrier, reference);
            }
        }
        tracker.Apply(shipment, CarrierShipmentState.Cancelled, time.GetUtcNow(), $"Order cancelled ({e.Reason})", "system");
    }
}
