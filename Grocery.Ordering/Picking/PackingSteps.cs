using Grocery.Messaging.Outbox;
using Grocery.Ordering.Payments;
using Grocery.Ordering.Saga;

namespace Grocery.Ordering.Picking;

/// <summary>
/// Packing and the payment step after it, as two saga steps committed one after the other: packed
/// (OrderPicked, OrderPacked) and then ready for dispatch (capture or amount to collect,
/// OrderReadyForDispatch). Should the instance stop between them, the timeout worker runs the second.
/// </summary>
public static class PackingSteps
{
    /// <summary>Returns false when the order was already packed (a repeated request).</summary>
    public static OrderStep<bool> Pack(int packageCount, string pickerId, bool mayTakeOver) => (order, services, _) =>
    {
        if (order is null) throw new PickingRefusedException(PickingRefusal.NotFound, null, "No such order", "No such order.");
        if (order.Status == OrderStatus.Picking) order.EnsurePickedBy(pickerId, mayTakeOver);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!order.Pack(packageCount, now)) return Task.FromResult(false);
        var outbox = services.GetRequiredService<IIntegrationEventOutbox>();
        outbox.Add(FulfilmentEvents.Picked(order, now));
        outbox.Add(FulfilmentEvents.Packed(order));
        return Task.FromResult(true);
    };

    /// <summary>
    /// The payment step of a packed order: the final amount is captured (card) or set to collect at the
    /// door (cash on delivery). Payment methods are idempotent by order, so a retried or resumed step
    /// never takes the money twice; the order's state makes it a no-op once done.
    /// </summary>
    public static async Task<bool> ReadyForDispatchAsync(Order? order, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (order is null || !order.IsAwaitingCapture) return false;
        var outbox = services.GetRequiredService<IIntegrationEventOutbox>();
        var capture = await services.GetRequiredService<IPaymentProcessor>().CaptureAsync(order, order.FinalTotal!.Value, cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        switch (capture.Outcome)
        {
            case PaymentCaptureOutcome.Captured:
                order.RecordReadyForDispatch(capture.Amount, 0m, capture.Reference, now);
                outbox.Add(FulfilmentEvents.Captured(order, now));
                break;
            case PaymentCaptureOutcome.CollectOnDelivery:
                order.RecordReadyForDispatch(0m, capture.Amount, capture.Reference, now);
                break;
            default:
                outbox.Add(new Grocery.Contracts.Ordering.PaymentFailedIntegrationEvent(order.Id, order.PaymentMethod.ToContract(),
                    capture.FailureReason ?? "capture failed", now));
                await services.GetRequiredService<OrderSaga>().CancelAsync(order, OrderCancellationReason.PaymentFailed, capture.FailureReason, cancellationToken);
                return true;
        }
        outbox.Add(FulfilmentEvents.ReadyForDispatch(order));
        return true;
    }
}
