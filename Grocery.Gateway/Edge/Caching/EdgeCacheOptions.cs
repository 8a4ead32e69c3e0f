namespace Grocery.Gateway.Edge.Caching;

/// <summary>"Gateway:EdgeCache": the shared cache in front of the services, per replica.</summary>
public sealed class EdgeCacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Bodies and headers held by one replica; past it, the least used entries go first.</summary>
    public int SizeLimitMegabytes { get; set; } = 64;

    /// <summary>Larger answers are passed through and never kept, so one export cannot push the listings out.</summary>
    public int MaximumBodyKilobytes { get; set; } = 512;

    /// <summary>
    /// Cookies that make a request someone's own (Ordering's guest basket); a request carrying one is
    /// passed through. Other cookies (a storefront's analytics, say) change nothing the services answer.
    /// </summary>
    public string[] PersonalCookies { get; set; } = ["basket_id"];
}
