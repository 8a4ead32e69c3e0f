using Grocery.Messaging.Outbox;
using Grocery.Ordering.Payments;

namespace Grocery.Ordering.Saga;

/// <summary>
/// Orchestrates one order: stock and slot replies in any order, then payment, then confirmation;
/// any failure cancels and compensates. Changes are tracked on the scope's DbContext together with
/// their outbox events; the caller (the bus, an endpoint or the timeout worker) saves them in one transaction.
/// </summary>
public sealed class OrderSaga(
    OrderingDbContext db,
    IIntegrationEventOutbox outbox,
    IPaymentProcessor payments,
    TimeProvider time,
    ILogger<OrderSaga> logger)
{
    public async Task OnStockReservedAsync(Guid orderId, DateTimeOffset reservationExpiresAt, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order) return;
        if (order.RecordStockReserved(reservationExpiresAt, time.GetUtcNow()))
            await TryPayAsync(order, cancellationToken);
        else
            logger.LogInformation("Order {OrderId}: stock reply ignored in state {Status}", orderId, order.Status);
    }

    public async Task OnStockUnavailableAsync(Guid orderId, Func<Order, string> describe, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order) return;
        if (order.RecordStockUnavailable(describe(order), time.GetUtcNow())) await CompensateAsync(order, cancellationToken);
    }

    public async Task OnSlotConfirmedAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order) return;
        if (order.RecordSlotConfirmed(time.GetUtcNow()))
            await TryPayAsync(order, cancellationToken);
        else
            logger.LogInformation("Order {OrderId}: slot reply ignored in state {Status}", orderId, order.Status);
    }

    public async Task OnSlotUnavailableAsync(Guid orderId, string? reason, CancellationToken cancellationToken)
    {
        if (await FindAsync(orderId, cancellationToken) is not { } order) return;
        if (order.RecordSlotUnavailable(reason, time.GetUtcNow())) await CompensateAsync(order, cancellationToken);
    }

    /// <summary>Cancels for the shopper, staff or a timeout; throws <see cref="InvalidOrderTransitionException"/> when too late.</summary>
    public async Task CancelAsync(Order order, OrderCancellationReason reason, string? detail, CancellationToken cancellationToken)
    {
        order.Cancel(reason, detail, time.GetUtcNow());
        await CompensateAsync(order, cancellationToken);
    }

    /// <summary>Runs the payment step once stock and slot are secured.</summary>
    public async Task TryPayAsync(Order order, CancellationToken cancellationToken)
    {
        if (!order.IsReadyForPayment) return;
        var authorization = await payments.AuthorizeAsync(order, cancellationToken);
        var now = time.GetUtcNow();
        switch (authorization.Outcome)
        {
            case PaymentAuthorizationOutcome.Authorized:
                order.RecordPaymentAuthorized(authorization.Reference, now);
                outbox.Add(OrderEvents.PaymentAuthorized(order, authorization.Amount ?? order.EstimatedTotal, now));
                outbox.Add(OrderEvents.Confirmed(order, now));
                break;
            case PaymentAuthorizationOutcome.Declined:
                order.RecordPaymentFailed(authorization.DeclineReason, now);
                outbox.Add(OrderEvents.PaymentFailed(order, authorization.DeclineReason ?? "declined", now));
                await CompensateAsync(order, cancellationToken);
                break;
            case PaymentAuthorizationOutcome.Saved:
                // PaymentAuthorized follows when the saved card is authorised (PaymentSteps.AuthoriseSavedCard).
                order.RecordCardSaved(authorization.Reference, authorization.AuthoriseAt!.Value, now);
                outbox.Add(OrderEvents.Confirmed(order, now));
                break;
            case PaymentAuthorizationOutcome.Pending:
                // Kept so a cancellation can void it; a webhook or the poll resumes the step (PaymentSteps).
                order.RecordPaymentStarted(authorization.Reference);
                break;
        }
    }

    /// <summary>
    /// OrderCancelled is the compensation for stock and slot: Inventory releases the reservation and
    /// Delivery the slot (both idempotent, both a no-op when they hold nothing). The payment is voided here.
    /// </summary>
    private async Task CompensateAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.Payment == StepStatus.Succeeded)
        {
            await payments.CancelAsync(order, cancellationToken);
            order.RecordPaymentCancelled();
        }
        else if (order.PaymentReference is not null)
        {
            // Started but not authorised (a card the browser has not confirmed, or just declined): voided so it cannot be confirmed any more.
            await payments.CancelAsync(order, cancellationToken);
            order.RecordStartedPaymentVoided();
        }
        outbox.Add(OrderEvents.Cancelled(order, time.GetUtcNow()));
        logger.LogInformation("Order {OrderId} cancelled: {Reason}", order.Id, order.CancellationReason);
    }

    private async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        // The bus commits what the step changed (OrderStepRunner.ApplyAsync's contract).
        var order = await OrderStepRunner.LoadAsync(db, orderId, cancellationToken);
        if (order is null) logger.LogWarning("Reply for unknown order {OrderId} ignored", orderId);
        return order;
    }
}
