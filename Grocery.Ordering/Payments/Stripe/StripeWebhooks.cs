using Grocery.Ordering.Saga;
using Microsoft.Extensions.Options;
using Stripe;

namespace Grocery.Ordering.Payments.Stripe;

/// <summary>
/// Stripe's webhooks: the signature is checked against the endpoint's secret and a timestamp no older
/// than the tolerance, each event id is handled once, and a PaymentIntent event resumes its order's
/// payment step through the step runner (which reads the PaymentIntent as it is now).
/// </summary>
internal sealed class StripeWebhooks(
    IOptions<StripeOptions> options,
    OrderingDbContext db,
    OrderStepRunner runner,
    TimeProvider time,
    ILogger<StripeWebhooks> logger) : IPaymentWebhooks
{
    private static readonly HashSet<string> PaymentIntentEvents =
    [
        EventTypes.PaymentIntentAmountCapturableUpdated, EventTypes.PaymentIntentSucceeded,
        EventTypes.PaymentIntentPaymentFailed, EventTypes.PaymentIntentCanceled,
    ];

    public async Task<PaymentWebhookResult> HandleAsync(string payload, string? signature, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return PaymentWebhookResult.Refused("Card payments are not configured, so no Stripe webhook is accepted.");
        if (string.IsNullOrWhiteSpace(signature)) return PaymentWebhookResult.Refused("The Stripe-Signature header is missing.");
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(payload, signature, settings.WebhookSecret, (long)settings.WebhookTolerance.TotalSeconds,
                time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return PaymentWebhookResult.Refused(
                $"The Stripe-Signature does not match the payload, or it is older than {settings.WebhookTolerance.TotalSeconds:0} seconds.");
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return PaymentWebhookResult.Refused("The payload is not a Stripe event.");
        }

        var now = time.GetUtcNow();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO payment_webhook_events (\"EventId\", \"Type\", \"ReceivedAt\") VALUES ({stripeEvent.Id}, {stripeEvent.Type}, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (inserted == 0)
        {
            logger.LogInformation("Stripe event {EventId} ({Type}) was already handled", stripeEvent.Id, stripeEvent.Type);
            return PaymentWebhookResult.Duplicate;
        }
        try
        {
            await ApplyAsync(stripeEvent, cancellationToken);
        }
        catch
        {
            // Not handled after all: Stripe retries a failed delivery, and the retry must not be taken for a replay.
            await db.Database.ExecuteSqlAsync($"DELETE FROM payment_webhook_events WHERE \"EventId\" = {stripeEvent.Id}", CancellationToken.None);
            throw;
        }
        return PaymentWebhookResult.Handled;
    }

    private async Task ApplyAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Data.Object)
        {
            case PaymentIntent intent when PaymentIntentEvents.Contains(stripeEvent.Type):
                if (!intent.Metadata.TryGetValue(StripeCardPayment.OrderIdMetadata, out var raw) || !Guid.TryParse(raw, out var orderId))
                {
                    logger.LogWarning("Stripe event {EventId}: PaymentIntent {IntentId} carries no order id; ignored", stripeEvent.Id, intent.Id);
                    return;
                }
                await runner.RunAsync(orderId, PaymentSteps.ResumeAsync, cancellationToken);
                return;
            case SetupIntent setup when stripeEvent.Type is EventTypes.SetupIntentSucceeded or EventTypes.SetupIntentSetupFailed:
                if (setup.Metadata.TryGetValue(StripeCardPayment.OrderIdMetadata, out var setupOrder) && Guid.TryParse(setupOrder, out var setupOrderId))
                    await runner.RunAsync(setupOrderId, PaymentSteps.ResumeAsync, cancellationToken);
                return;
            case Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded:
                // Refunds start here (DeliverySteps) and are recorded when Stripe accepts them; the event confirms them.
                logger.LogInformation("Stripe confirmed {Refunded} refunded of {Amount} on PaymentIntent {IntentId}",
                    charge.AmountRefunded, charge.Amount, charge.PaymentIntentId);
                return;
            default:
                logger.LogInformation("Stripe event {EventId} of type {Type} needs nothing here", stripeEvent.Id, stripeEvent.Type);
                return;
        }
    }
}
