using Grocery.ServiceDefaults.Throttling;

namespace Grocery.Gateway.Edge;

/// <summary>
/// One counter a request is charged to: its bucket, its rule, whether it counts per user or per address,
/// and whether every hit is counted in Redis at once (strict budgets) or shared in batches (browsing).
/// </summary>
public sealed record EdgeLimit(string Bucket, RateLimitRule Rule, bool PerUser, bool Batched = false);

/// <summary>Which counters a request through the gateway is charged to.</summary>
public static class EdgeLimitPolicy
{
    public static IReadOnlyList<EdgeLimit> For(string method, PathString path, EdgeRateLimits limits)
    {
        if (path.StartsWithSegments("/api/v1/auth"))
            return [new("gateway-auth-address", limits.AuthPerAddress, PerUser: false)];
        if (HttpMethods.IsPost(method) && (path.Equals("/api/v1/orders") || path.Equals("/api/v1/orders/")))
            return
            [
                new("gateway-checkout-address", limits.CheckoutPerAddress, PerUser: false),
                new("gateway-checkout-user", limits.CheckoutPerUser, PerUser: true),
            ];
        if (path.StartsWithSegments("/api/v1/payments/webhooks/stripe"))
            return [new("gateway-stripe-webhook-address", limits.StripeWebhookPerAddress, PerUser: false)];
        if (IsCarrierWebhook(path))
            return [new("gateway-carrier-webhook-address", limits.CarrierWebhookPerAddress, PerUser: false)];
        return
        [
            new("gateway-address", limits.PerAddress, PerUser: false, Batched: true),
            new("gateway-user", limits.PerUser, PerUser: true, Batched: true),
        ];
    }

    // /api/v1/carriers/{carrier}/webhooks[/...]
    private static bool IsCarrierWebhook(PathString path)
    {
        if (!path.StartsWithSegments("/api/v1/carriers", out var rest) || !rest.HasValue) return false;
        var segments = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[1].Equals("webhooks", StringComparison.OrdinalIgnoreCase);
    }
}
