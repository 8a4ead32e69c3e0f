namespace Grocery.Ordering.Payments.Stripe;

/// <summary>Bound from the "Stripe" section; the AppHost fills it from the stripe-* secret parameters.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }

    /// <summary>What the storefront gives Stripe Elements; returned with each card checkout.</summary>
    public string? PublishableKey { get; set; }

    public string? WebhookSecret { get; set; }

    /// <summary>Stripe's API by default; tests and local runs point it at a fake.</summary>
    public string? ApiBase { get; set; }

    /// <summary>A signature older than this is refused, so a captured webhook cannot be replayed later.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Cards are taken only with all three: without the webhook secret a paid order would wait for the poll alone.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(SecretKey) && !string.IsNullOrWhiteSpace(PublishableKey) && !string.IsNullOrWhiteSpace(WebhookSecret);
}
