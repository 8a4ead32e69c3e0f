using Grocery.Ordering.Payments;

namespace Grocery.Ordering.Saga;

/// <summary>
/// Resumes a payment the provider completes later (a card confirmed in the browser, any asynchronous
/// wallet): a webhook or the poll says something changed, and the step asks the provider for the
/// payment as it is now. Deciding from the provider's current state, never from the notification,
/// makes notifications that come early, late, twice or never all lead to the same result.
/// </summary>
public static class PaymentSteps
{
    public static async Task<bool> ResumeAsync(Order? order, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (order is null) return false;
        if (order.IsReadyForPayment)
        {
            await services.GetRequiredService<OrderSaga>().TryPayAsync(order, cancellationToken);
            return order.Payment != StepStatus.Pending;
        }
        // Confirmed in the browser after the order was cancelled: the hold on the card is released.
        if (order.Status == OrderStatus.Cancelled && order.PaymentReference is not null && order.Payment is not StepStatus.Succeeded)
        {
            await services.GetRequiredService<IPaymentProcessor>().CancelAsync(order, cancellationToken);
            order.RecordStartedPaymentVoided();
            return true;
        }
        return false;
    }

    /// <summary>
    /// The off-session authorisation of a card saved for a slot far ahead, when it is due. A decline
    /// cancels the order cleanly: stock and slot are released (OrderCancelled) and the reason is on the order.
    /// </summary>
    public static OrderStep<bool> AuthoriseSavedCard(DateTimeOffset now) => async (order, services, cancellationToken) =>
    {
        if (order is null || !order.IsAuthorisationDue(now)) return false;
        var authorization = await services.GetRequiredService<IPaymentProcessor>().AuthorizeAsync(order, cancellationToken);
        var outbox = services.GetRequiredService<Grocery.Messaging.Outbox.IIntegrationEventOutbox>();
        var at = services.GetRequiredService<TimeProvider>().GetUtcNow();
        switch (authorization.Outcome)
        {
            case PaymentAuthorizationOutcome.Authorized:
                order.RecordSavedCardAuthorized(authorization.Reference);
                outbox.Add(OrderEvents.PaymentAuthorized(order, authorization.Amount ?? order.EstimatedTotal, at));
                return true;
            case PaymentAuthorizationOutcome.Declined:
                var reason = authorization.DeclineReason ?? "declined";
                outbox.Add(OrderEvents.PaymentFailed(order, reason, at));
                await services.GetRequiredService<OrderSaga>().CancelAsync(order, OrderCancellationReason.PaymentFailed, reason, cancellationToken);
                return true;
            default:
                return false; // the provider was unreachable: the next sweep asks again
        }
    };
}
