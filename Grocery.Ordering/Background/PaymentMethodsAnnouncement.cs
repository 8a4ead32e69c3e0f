using Grocery.Ordering.Payments;

namespace Grocery.Ordering.Background;

/// <summary>Says at start which ways to pay this instance takes, so a missing Stripe key is seen before a shopper meets it.</summary>
internal sealed class PaymentMethodsAnnouncement(IPaymentProcessor payments, ILogger<PaymentMethodsAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (payments.Supports(PaymentMethod.Card))
            logger.LogInformation("Payment methods: card (Stripe) and cash on delivery");
        else
            logger.LogWarning("Stripe is not configured (Stripe:SecretKey, Stripe:PublishableKey and Stripe:WebhookSecret): cash on delivery only; card checkouts are refused");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
