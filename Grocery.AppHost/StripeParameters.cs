namespace Grocery.AppHost;

/// <summary>
/// Card payments are optional: Ordering gets the Stripe keys only when all three secret parameters are
/// set (user secrets or Parameters__stripe-*), and otherwise runs on cash on delivery and says so at start.
/// Declaring the parameters without values would hold Ordering back waiting for them.
/// </summary>
internal static class StripeParameters
{
    public const string SecretKey = "stripe-secret-key";
    public const string PublishableKey = "stripe-publishable-key";
    public const string WebhookSecret = "stripe-webhook-secret";

    private static readonly (string Parameter, string Variable)[] Keys =
    [
        (SecretKey, "Stripe__SecretKey"),
        (PublishableKey, "Stripe__PublishableKey"),
        (WebhookSecret, "Stripe__WebhookSecret"),
    ];

    public static IResourceBuilder<ProjectResource> WithStripeWhenConfigured(this IResourceBuilder<ProjectResource> ordering)
    {
        var configuration = ordering.ApplicationBuilder.Configuration;
        if (Keys.Any(k => string.IsNullOrWhiteSpace(configuration[$"Parameters:{k.Parameter}"]))) return ordering;
        foreach (var (parameter, variable) in Keys)
            ordering.WithEnvironment(variable, ordering.ApplicationBuilder.AddParameter(parameter, secret: true));
        return ordering;
    }
}
