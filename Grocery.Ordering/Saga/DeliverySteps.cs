using Grocery.Messaging.Outbox;
using Grocery.Ordering.Payments;
using Grocery.Ordering.Picking;

namespace Grocery.Ordering.Saga;

/// <summary>
/// What Delivery reports about the shipment, applied to the order. Carriers report late, twice or out
/// of order: the first of delivered and failed wins, a dispatch after either is ignored, and the order's
/// state makes every repeat a no-op.
/// </summary>
public sealed class DeliverySteps(IIntegrationEventOutbox outbox, IPaymentProcessor payments, TimeProvider time, ILogger<DeliverySteps> logger)
{
    public const string RefusedReason = "refused at the door";

    public const string FailedReason = "delivery failed";

    public Task<bool> BookedAsync(Order? order, Guid shipmentId, string carrier, string? trackingNumber, DateTimeOffset bookedAt)
    {
        if (order is null) return Task.FromResult(false);
        return Task.FromResult(order.RecordShipmentBooked(shipmentId, carrier, trackingNumber, bookedAt));
    }

    public Task<bool> DispatchedAsync(Order? order, Guid shipmentId, string carrier, DateTimeOffset at)
    {
        if (order is null || order.RecordDispatched(shipmentId, carrier, at)) return Task.FromResult(order is not null);
        logger.LogInformation("Order {OrderId}: dispatch ignored in state {Status}", order.Id, order.Status);
        return Task.FromResult(false);
    }

    /// <summary>Delivered, with the cash collected; lines refused at the door are refunded (for cash on delivery: recorded, not collected).</summary>
    public async Task<bool> DeliveredAsync(Order? order, Guid shipmentId, DateTimeOffset at, decimal? cashCollected,
        IEnumerable<(string Sku, decimal Quantity, string? Reason)> refused, CancellationToken cancellationToken)
    {
        if (order is null) return false;
        if (order.RecordDelivered(shipmentId, at, cashCollected, refused) is not { } refund)
        {
            logger.LogInformation("Order {OrderId}: delivery ignored in state {Status}", order.Id, order.Status);
            return false;
        }
        if (refund > 0)
        {
            var refunded = await payments.RefundAsync(order, refund, RefusedReason, cancellationToken);
            order.RecordRefund(refunded.Amount);
            outbox.Add(FulfilmentEvents.Refunded(order, refunded.Amount, RefusedReason, time.GetUtcNow()));
        }
        return true;
    }

    /// <summary>
    /// The stock comes back (Inventory consumes ShipmentFailed) and nothing is owed: a captured payment is
    /// refunded in full, an amount to collect is dropped.
    /// </summary>
    public async Task<bool> FailedAsync(Order? order, Guid shipmentId, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (order is null) return false;
        if (!order.RecordDeliveryFailed(shipmentId, reason, at))
        {
            logger.LogInformation("Order {OrderId}: delivery failure ignored in state {Status}", order.Id, order.Status);
            return false;
        }
        if (order.CapturedAmount is > 0 and var captured)
        {
            var refunded = await payments.RefundAsync(order, captured, FailedReason, cancellationToken);
            order.RecordRefund(refunded.Amount);
            outbox.Add(FulfilmentEvents.Refunded(order, refunded.Amount, FailedReason, time.GetUtcNow()));
        }
        else
        {
            await payments.CancelAsync(order, cancellationToken);
        }
        order.RecordPaymentVoided();
        return true;
    }
}
