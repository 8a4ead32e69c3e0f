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

    /// <summary>
    /// Where Stripe.net sends its calls instead of https://api.stripe.com: a fake for local runs and the
    /// end-to-end tests. Only when given, so neither the model nor the publish bundle carries it otherwise.
    /// </summary>
    public const string ApiBase = "stripe-api-base";

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
        if (!string.IsNullOrWhiteSpace(configuration[$"Parameters:{ApiBase}"]))
            ordering.WithEnvironment("Stripe__ApiBase", ordering.ApplicationBuilder.AddParameter(ApiBase));
        return ordering;
    }

    /// <summary>The storefront offers cards, and mounts Stripe Elements with this key, only when Ordering takes them.</summary>
    public static IResourceBuilder<ProjectResource> WithStripePublishableKeyWhenConfigured(this IResourceBuilder<ProjectResource> web)
    {
        var builder = web.ApplicationBuilder;
        if (builder.Resources.OfType<ParameterResource>().SingleOrDefault(p => p.Name == PublishableKey) is { } key)
            web.WithEnvironment("Stripe__PublishableKey", builder.CreateResourceBuilder(key));
        return web;
    }
}
