namespace Grocery.Identity.Tests;

/// <summary>Two Identity hosts on one database and one Redis, with small limits, behind a known proxy.</summary>
public sealed class TwoReplicas(IdentityInfrastructure infrastructure) : IAsyncLifetime
{
    public const string Proxy = "10.200.0.1";
    public const int LoginsPerIp = 4;
    public const int LoginsPerAccount = 5;
    public const int MaxFailedAttempts = 3;
    public const int RegistrationsPerIp = 3;
    public const int RegistrationsPerAccount = 3;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Identity:RateLimits:LoginPerIp:PermitLimit"] = LoginsPerIp.ToString(),
        ["Identity:RateLimits:LoginPerAccount:PermitLimit"] = LoginsPerAccount.ToString(),
        ["Identity:Lockout:MaxFailedAttempts"] = MaxFailedAttempts.ToString(),
        ["Identity:RateLimits:RegisterPerIp:PermitLimit"] = RegistrationsPerIp.ToString(),
        ["Identity:RateLimits:RegisterPerAccount:PermitLimit"] = RegistrationsPerAccount.ToString(),
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
    };

    public IdentityApp First { get; private set; } = null!;

    public IdentityApp Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        First = await IdentityApp.StartAsync(infrastructure, Settings);
        // The first replica creates the signing key (and the Data Protection key protecting it).
        await First.NewShopperAsync();
        Second = await IdentityApp.StartAsync(infrastructure, Settings, First.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
