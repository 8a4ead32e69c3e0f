using Grocery.Gateway.Edge.Caching;
using Grocery.ServiceDefaults.Throttling;

namespace Grocery.Gateway.Edge;

/// <summary>
/// The public edge's limits, from the "Gateway" section. Every replica reads the same numbers and
/// counts in the same Redis, so a client gets the same answer from whichever replica it reaches.
/// </summary>
public sealed class EdgeOptions
{
    public const string SectionName = "Gateway";

    public EdgeRateLimits RateLimits { get; set; } = new();

    public EdgeBodyLimits BodyLimits { get; set; } = new();

    public EdgeCacheOptions EdgeCache { get; set; } = new();

    /// <summary>Storefront origins allowed to call the API from a browser; none means no cross-origin calls.</summary>
    public string[] CorsOrigins { get; set; } = [];
}

public sealed class EdgeRateLimits
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often a replica shares its browsing counts (<see cref="PerAddress"/>, <see cref="PerUser"/>) through Redis;
    /// replicas see each other's hits at most this late. The other budgets are counted in Redis on every hit.
    /// </summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    // Generous: a household behind one NAT address, or Web rendering for many shoppers, shares it.
    public RateLimitRule PerAddress { get; set; } = new() { PermitLimit = 3000, Window = TimeSpan.FromMinutes(1) };

    public RateLimitRule PerUser { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    // Sign-in, registration and refresh: Identity limits per account too; this keeps floods off it.
    public RateLimitRule AuthPerAddress { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    public RateLimitRule CheckoutPerAddress { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    public RateLimitRule CheckoutPerUser { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    // Webhooks come in bursts from a few provider addresses, so they get their own budgets and
    // never eat into (or get starved by) shoppers' limits.
    public RateLimitRule StripeWebhookPerAddress { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    public RateLimitRule CarrierWebhookPerAddress { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };
}

public sealed class EdgeBodyLimits
{
    /// <summary>Any request not named below: JSON commands are small.</summary>
    public long DefaultBytes { get; set; } = 256 * 1024;

    /// <summary>Per path prefix; the longest matching prefix wins.</summary>
    public List<BodyLimitRoute> Routes { get; set; } =
    [
        new() { PathPrefix = "/api/v1/products/import", MaxBytes = 32 * 1024 * 1024 },
        new() { PathPrefix = "/api/v1/payments/webhooks", MaxBytes = 64 * 1024 },
    ];
}

public sealed class BodyLimitRoute
{
    public string PathPrefix { get; set; } = "";

    public long MaxBytes { get; set; }
}
