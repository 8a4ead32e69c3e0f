using System.Runtime.CompilerServices;
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
        // Built once per settings object (a new one comes only when configuration reloads), not per request.
        var budgets = Built.GetValue(limits, static l => new Budgets(l));
        if (path.StartsWithSegments("/api/v1/auth")) return budgets.Auth;
        if (HttpMethods.IsPost(method) && (path.Equals("/api/v1/orders") || path.Equals("/api/v1/orders/"))) return budgets.Checkout;
        if (path.StartsWithSegments("/api/v1/payments/webhooks/stripe")) return budgets.StripeWebhook;
        if (IsCarrierWebhook(path)) return budgets.CarrierWebhook;
        return budgets.Browsing;
    }

    private static readonly ConditionalWeakTable<EdgeRateLimits, Budgets> Built = new();

    private sealed class Budgets(EdgeRateLimits limits)
    {
        public EdgeLimit[] Auth { get; } = [new("gateway-auth-address", limits.AuthPerAddress, PerUser: false)];

        public EdgeLimit[] Checkout { get; } =
        [
            new("gateway-checkout-address", limits.CheckoutPerAddress, PerUser: false),
            new("gateway-checkout-user", limits.CheckoutPerUser, PerUser: true),
        ];

        public EdgeLimit[] StripeWebhook { get; } = [new("gateway-stripe-webhook-address", limits.StripeWebhookPerAddress, PerUser: false)];

        public EdgeLimit[] CarrierWebhook { get; } = [new("gateway-carrier-webhook-address", limits.CarrierWebhookPerAddress, PerUser: false)];

        public EdgeLimit[] Browsing { get; } =
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
