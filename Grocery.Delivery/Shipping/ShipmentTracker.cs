using Grocery.Contracts.Delivery;
using Grocery.Delivery.Carriers;
using Grocery.Delivery.Domain;
using Grocery.Messaging.Outbox;

namespace Grocery.Delivery.Shipping;

public enum WebhookOutcome
{
    Applied,
    Duplicate,
    UnknownShipment,
}

/// <summary>Applies verified carrier status updates once each, publishing the matching shipment events.</summary>
public sealed class ShipmentTracker(DeliveryDbContext db, IIntegrationEventOutbox outbox, TimeProvider time)
{
    public async Task<WebhookOutcome> ApplyAsync(string carrier, CarrierStatusUpdate update, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO delivery.carrier_webhook_receipts (carrier, event_key, received_at) VALUES ({carrier}, {update.EventKey}, {time.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (inserted == 0) return WebhookOutcome.Duplicate;

        var shipment = await db.Shipments
            .FromSql($"SELECT * FROM delivery.shipments WHERE carrier = {carrier} AND carrier_reference = {update.Reference} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (shipment is null && Guid.TryParse(update.MerchantOrderId, out var orderId))
        {
            shipment = await db.Shipments
                .FromSql($"SELECT * FROM delivery.shipments WHERE order_id = {orderId} AND carrier = {carrier} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
        }
        if (shipment is not null)
        {
            var description = StoredText.Clip(update.Reason is { Length: > 0 } reason ? $"{update.RawStatus}: {reason}" : update.RawStatus,
                DeliveryLimits.ShipmentEventDescriptionMaxLength);
            Apply(shipment, update.State, update.OccurredAt, description, carrier);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return shipment is null ? WebhookOutcome.UnknownShipment : WebhookOutcome.Applied;
    }

    /// <summary>
    /// Moves the shipment forward and adds the integration event for the new status; false when the step
    /// changed nothing (a repeat, or a step backwards). A carrier that delivers is taken to have collected
    /// the whole amount; a driver reports <paramref name="cashCollected"/> and <paramref name="refusedLines"/>.
    /// </summary>
    public bool Apply(Shipment shipment, CarrierShipmentState state, DateTimeOffset at, string description, string source,
        decimal? cashCollected = null, IReadOnlyList<RefusedLine>? refusedLines = null)
    {
        var status = state switch
        {
            CarrierShipmentState.Booked => ShipmentStatus.Booked,
            CarrierShipmentState.Delivered => ShipmentStatus.Delivered,
            CarrierShipmentState.Failed => ShipmentStatus.Failed,
            CarrierShipmentState.Cancelled => ShipmentStatus.Cancelled,
            _ => ShipmentStatus.Dispatched,
        };
        if (!shipment.Advance(status, at, description, source)) return false;
        switch (status)
        {
            case ShipmentStatus.Dispatched:
                outbox.Add(new ShipmentDispatchedIntegrationEvent(shipment.OrderId, shipment.Id, shipment.Carrier, at));
                break;
            case ShipmentStatus.Delivered:
                shipment.CashCollected = cashCollected ?? (shipment.AmountToCollect > 0 ? shipment.AmountToCollect : null);
                outbox.Add(new ShipmentDeliveredIntegrationEvent(shipment.OrderId, shipment.Id, at, shipment.CashCollected,
                    refusedLines is { Count: > 0 } ? refusedLines : null));
                break;
            case ShipmentStatus.Failed:
                outbox.Add(new ShipmentFailedIntegrationEvent(shipment.OrderId, shipment.Id, shipment.Carrier, description, at));
                break;
        }
        return true;
    }
}
