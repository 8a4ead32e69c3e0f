using Grocery.Contracts.Ordering;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Domain;
using Grocery.Delivery.Shipping;
using Grocery.Messaging;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grocery.Delivery.IntegrationEvents.EventHandling;

/// <summary>Gives the order's slot capacity back and cancels a booking the carrier has not collected yet.</summary>
public sealed class OrderCancelledHandler(
    DeliveryDbContext db, CarrierRegistry carriers, ShipmentTracker tracker, TimeProvider time, ILogger<OrderCancelledHandler> logger)
    : IIntegrationEventHandler<OrderCancelledIntegrationEvent>
{
    private const string ReleaseOrderHold = """
        WITH released AS (
            UPDATE delivery.slot_holds h SET status = 'Cancelled', ended_at = $2
              FROM (SELECT id, status AS previous FROM delivery.slot_holds WHERE order_id = $1 AND status IN ('Confirmed', 'Active') FOR UPDATE) p
             WHERE h.id = p.id
            RETURNING h.slot_id, p.previous)
        UPDATE delivery.slots s
           SET confirmed = s.confirmed - CASE WHEN r.previous = 'Confirmed' THEN 1 ELSE 0 END,
               held = s.held - CASE WHEN r.previous = 'Active' THEN 1 ELSE 0 END,
               availability_dirty = true
          FROM released r WHERE s.id = r.slot_id
        """;

    public async Task HandleAsync(OrderCancelledIntegrationEvent e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(cancellationToken);
        await using (var release = new NpgsqlCommand(ReleaseOrderHold, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()))
        {
            release.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = e.OrderId });
            release.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await release.ExecuteNonQueryAsync(cancellationToken);
        }

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
        tracker.Apply(shipment, CarrierShipmentState.Cancelled, now, $"Order cancelled ({e.Reason})", "system");
    }
}
