using System.Diagnostics.Metrics;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Domain;
using Grocery.Messaging.Outbox;
using Microsoft.Extensions.Options;

namespace Grocery.Delivery.Shipping;

/// <summary>
/// Books the zone's carrier for an order. The carrier's typed client has already retried transient
/// failures; if the carrier still refuses, the in-house fleet takes the order so it is never stranded.
/// </summary>
public sealed class ShipmentDispatcher(
    DeliveryDbContext db,
    IIntegrationEventOutbox outbox,
    CarrierRegistry carriers,
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
        var request = new ShipmentRequest(order.OrderId, order.ZoneId, order.WarehouseId, Pickup(order.WarehouseId), DropOff(order),
            order.SlotWindowStart, order.SlotWindowEnd, order.PaymentMethod == Contracts.PaymentMethod.CashOnDelivery,
            order.AmountToCollect, order.PackageCount, WeightGrams: Math.Max(1, order.PackageCount) * 5000);

        var preferred = zone?.Carrier ?? CarrierRegistry.InHouse;
        var notes = new List<string>();
        CarrierBooking booking;
        if (!carriers.TryGet(preferred, out var carrier))
        {
            notes.Add($"Carrier {preferred} is not configured.");
            carrier = carriers.Fallback;
        }
        try
        {
            booking = await carrier.BookAsync(request, cancellationToken);
        }
        catch (CarrierException ex) when (carrier.Name != CarrierRegistry.InHouse)
        {
            logger.LogWarning(ex, "Booking {Carrier} for order {OrderId} failed; falling back to the in-house fleet", carrier.Name, order.OrderId);
            Fallbacks.Add(1, new KeyValuePair<string, object?>("carrier", carrier.Name));
            notes.Add($"{carrier.Name} could not take the order: {ex.Message}");
            booking = await carriers.Fallback.BookAsync(request, cancellationToken);
        }

        var shipment = new Shipment
        {
            Id = Guid.CreateVersion7(),
            OrderId = order.OrderId,
            ZoneId = order.ZoneId,
            UserId = userId,
            Carrier = booking.Carrier,
            CarrierReference = booking.Reference,
            CarrierFee = booking.Fee,
            AmountToCollect = order.AmountToCollect,
            WindowStart = order.SlotWindowStart,
            WindowEnd = order.SlotWindowEnd,
            CreatedAt = now,
        };
        var description = string.Join(" ", notes.Append($"Booked with {booking.Carrier} ({booking.Reference})."));
        shipment.Advance(ShipmentStatus.Booked, now, description, "system");
        db.Shipments.Add(shipment);
        outbox.Add(new ShipmentBookedIntegrationEvent(order.OrderId, shipment.Id, booking.Carrier, booking.Reference, now));
        return shipment;
    }

    private CarrierAddress Pickup(Guid warehouseId) =>
        warehouses.Value.Warehouses.TryGetValue(warehouseId, out var w)
            ? new CarrierAddress(w.Name, w.Phone, w.Address, w.District, Latitude: w.Latitude, Longitude: w.Longitude)
            : new CarrierAddress($"Warehouse {warehouseId}", "", "");

    // The event names the address by reference only; fetching it from Ordering lands with the dispatch work of issue 14.
    private static CarrierAddress? DropOff(OrderReadyForDispatchIntegrationEvent order) => null;
}
