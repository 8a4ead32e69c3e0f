using Microsoft.Extensions.Options;
using Stripe;

namespace Grocery.Ordering.Payments.Stripe;

public static class StripeRegistration
{
    /// <summary>
    /// Card payments when the Stripe keys are configured; otherwise checkout refuses cards and the
    /// service says at start that it takes cash on delivery only. Webhooks are always answered (400 without keys).
    /// </summary>
    public static IHostApplicationBuilder AddStripePayments(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(StripeOptions.Section);
        builder.Services.AddOptions<StripeOptions>().Bind(section)
            .Validate(o => o.WebhookTolerance > TimeSpan.Zero, "Stripe:WebhookTolerance must be positive.")
            .ValidateOnStart();
        builder.Services.AddScoped<IPaymentWebhooks, StripeWebhooks>();
        if (!(section.Get<StripeOptions>() ?? new()).IsConfigured) return builder;

        builder.Services.AddSingleton<IStripeClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StripeOptions>>().Value;
            // Stripe.net retries with the same idempotency key; no other retry layer sits under it.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
            return new StripeClient(options.SecretKey, httpClient: new SystemNetHttpClient(http, options.MaxNetworkRetries, appInfo: null, enableTelemetry: false),
                apiBase: string.IsNullOrWhiteSpace(options.ApiBase) ? null : options.ApiBase);
        });
        builder.Services.AddSingleton<IPaymentMethod, StripeCardPayment>();
        return builder;
    }
}
