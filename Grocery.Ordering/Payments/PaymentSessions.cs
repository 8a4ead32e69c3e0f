using Grocery.Ordering.Saga;

namespace Grocery.Ordering.Payments;

/// <summary>
/// Starts the browser's part of a payment right after checkout, for a new order and for a repeated
/// checkout alike: the provider call is idempotent by order, so parallel retries share one payment.
/// </summary>
public sealed class PaymentSessions(OrderStepRunner runner, IPaymentProcessor payments, ILogger<PaymentSessions> logger)
{
    /// <summary>Null for methods without a browser part, for a cancelled order, or while the provider is unreachable (a retried checkout asks again).</summary>
    public async Task<PaymentSession?> StartAsync(Order order, CancellationToken cancellationToken)
    {
        if (!payments.HasBrowserPart(order.PaymentMethod)) return null;
        try
        {
            return await runner.RunAsync(order.Id, async (current, services, ct) =>
            {
                if (current is null || current.Status == OrderStatus.Cancelled) return null;
                var session = await payments.StartAsync(current, ct);
                current.RecordPaymentStarted(session!.Reference);
                return session;
            }, cancellationToken);
        }
        catch (PaymentProviderUnavailableException e)
        {
            logger.LogWarning(e, "Order {OrderId}: the {Method} payment could not be started; the checkout's retry or the saga starts it", order.Id, order.PaymentMethod);
            return null;
        }
    }
}
