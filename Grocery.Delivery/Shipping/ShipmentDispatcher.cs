using System.Diagnostics.Metrics;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Clients;
using Grocery.Delivery.Domain;
using Grocery.Messaging.Outbox;
using Microsoft.Extensions.Options;

namespace Grocery.Delivery.Shipping;

/// <summary>
/// Books the zone's carrier for an order. The carrier's typed client has already retried transient
/// failures; if the carrier still refuses, or has no credentials, the in-house fleet takes the order
/// so it is never stranded.
/// </summary>
/// <remarks>
/// The drop-off is fetched from Ordering only for a carrier that needs it at booking (Grab,
/// ViettelPost). It goes to the carrier and nowhere else: not the shipment, its timeline, the outbox
/// or a log line. The in-house fleet books without it; drivers read it from Ordering when they open
/// their list. Ordering not answering throws, so the bus retries the event and dead-letters it in the end.
/// </remarks>
public sealed class ShipmentDispatcher(
    DeliveryDbContext db,
    IIntegrationEventOutbox outbox,
    CarrierRegistry carriers,
    IOrderingClient ordering,
    IOptions<WarehousePickupOptions> warehouses,
    TimeProvider time,
    ILogger<ShipmentDispatcher> logger)
{
    private static readonly Meter Meter = new("Grocery.Delivery");
    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("grocery.delivery.carrier.fallbacks");

    public async Task<Shipment> DispatchAsync(OrderReadyForDispatchIntegrationEvent order, CancellationToken cancellationToken)
    {
        var existing = await db.Shipments.SingleOrDefaultAsync(s => s.OrderId == order.OrderId, cancellationToken);
        if (existing is not null) return existing;

        var zone = await db.Zones.AsNoTracking().SingleOrDefaultAsync(z => z.Id == order.ZoneId, cancellationToken);
        var userId = await db.SlotHolds.Where(h => h.OrderId == order.OrderId).Select(h => h.UserId).FirstOrDefaultAsync(cancellationToken);
        var now = time.GetUtcNow();

        var preferred = zone?.Carrier ?? CarrierRegistry.InHouse;
        var notes = new List<string>();
        if (!carriers.TryGet(preferred, out var carrier))
        {
            notes.Add($"Carrier {preferred} is not known.");
            carrier = carriers.Fallback;
        }
        else if (!carrier.IsConfigured)
        {
            notes.Add($"Carrier {preferred} has no credentials configured.");
            Fallbacks.Add(1, new KeyValuePair<string, object?>("carrier", preferred));
            carrier = carriers.Fallback;
        }

        var dropOff = carrier.NeedsDropOff ? ToCarrierAddress(await ordering.GetDropOffAsync(order.OrderId, cancellationToken)) : null;
        var request = new ShipmentRequest(order.OrderId, order.ZoneId, order.WarehouseId, Pickup(order.WarehouseId), dropOff,
            order.SlotWindowStart, order.SlotWindowEnd, order.PaymentMethod == Contracts.PaymentMethod.CashOnDelivery,
            order.AmountToCollect, order.PackageCount, WeightGrams: Math.Max(1, order.PackageCount) * 5000);

        CarrierBooking booking;
        try
        {
            booking = await carrier.BookAsync(request, cancellationToken);
        }
        catch (CarrierException ex) when (carrier.Name != CarrierRegistry.InHouse)
        {
            logger.LogWarning(ex, "Booking {Carrier} for order {OrderId} failed; falling back to the in-house fleet", carrier.Name, order.OrderId);
            Fallbacks.Add(1, new KeyValuePair<string, object?>("carrier", carrier.Name));
            notes.Add($"{carrier.Name} could not take the order: {ex.Message}");
            booking = await carriers.Fallback.BookAsync(request with { DropOff = null }, cancellationToken);
        }

        var shipment = new Shipment
        {
            Id = Guid.CreateVersion7(),
            OrderId = order.OrderId,
            ZoneId = order.ZoneId,
            WarehouseId = order.WarehouseId,
            UserId = userId,
            Carrier = booking.Carrier,
            CarrierReference = booking.Reference,
            CarrierFee = booking.Fee,
            AmountToCollect = order.AmountToCollect,
            // PostgreSQL keeps instants in UTC; an event may carry the window in the zone's offset.
            WindowStart = order.SlotWindowStart.ToUniversalTime(),
            WindowEnd = order.SlotWindowEnd.ToUniversalTime(),
            CreatedAt = now,
        };
        var description = StoredText.Clip(string.Join(" ", notes.Append($"Booked with {booking.Carrier} ({booking.Reference}).")),
            DeliveryLimits.ShipmentEventDescriptionMaxLength);
        shipment.Advance(ShipmentStatus.Booked, now, description, "system");
        db.Shipments.Add(shipment);
        outbox.Add(new ShipmentBookedIntegrationEvent(order.OrderId, shipment.Id, booking.Carrier, booking.Reference, now));
        return shipment;
    }

    private CarrierAddress Pickup(Guid warehouseId) =>
        warehouses.Value.Warehouses.TryGetValue(warehouseId, out var w)
            ? new CarrierAddress(w.Name, w.Phone, w.Address, w.District, Latitude: w.Latitude, Longitude: w.Longitude)
            : new CarrierAddress($"Warehouse {warehouseId}", "", "");

    private static CarrierAddress ToCarrierAddress(DropOffAddress d) =>
        new(d.RecipientName, d.Phone, d.Address, d.District, Postcode: d.Postcode, Latitude: d.Latitude, Longitude: d.Longitude);
}
