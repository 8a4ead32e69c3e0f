namespace Grocery.AppHost;

/// <summary>
/// Carrier credentials and webhook secrets, as secret parameters of the Delivery service. They are
/// optional: a carrier's parameters join the model only when the AppHost is given all of them
/// (user secrets or environment, e.g. <c>Parameters:grab-client-secret</c>); without them Delivery
/// hands that carrier's zones to the in-house fleet. Half a carrier's set is refused at start, since a
/// carrier that can book but whose webhooks cannot be verified would never report a delivery.
/// </summary>
internal static class CarrierParameters
{
    public static readonly IReadOnlyList<(string Parameter, string Setting)> Grab =
    [
        ("grab-client-id", "Carriers__grab__ClientId"),
        ("grab-client-secret", "Carriers__grab__ClientSecret"),
        ("grab-webhook-secret", "Carriers__grab__WebhookSecret"),
    ];

    public static readonly IReadOnlyList<(string Parameter, string Setting)> ViettelPost =
    [
        ("viettelpost-username", "Carriers__viettelpost__Username"),
        ("viettelpost-password", "Carriers__viettelpost__Password"),
        ("viettelpost-webhook-token", "Carriers__viettelpost__WebhookToken"),
    ];

    public static IResourceBuilder<ProjectResource> WithCarrierCredentials(this IResourceBuilder<ProjectResource> delivery)
    {
        var builder = delivery.ApplicationBuilder;
        foreach (var carrier in new[] { Grab, ViettelPost })
        {
            var missing = carrier.Where(p => string.IsNullOrEmpty(builder.Configuration[$"Parameters:{p.Parameter}"])).Select(p => p.Parameter).ToList();
            if (missing.Count == carrier.Count) continue;
            if (missing.Count > 0)
                throw new InvalidOperationException($"Carrier parameters are all or nothing; missing: {string.Join(", ", missing)}.");
            foreach (var (parameter, setting) in carrier)
                delivery.WithEnvironment(setting, builder.AddParameter(parameter, secret: true));
        }
        return delivery;
    }
}
