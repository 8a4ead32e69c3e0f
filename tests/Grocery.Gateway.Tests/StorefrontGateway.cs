namespace Grocery.Gateway.Tests;

/// <summary>One gateway in front of <see cref="FakeCatalog"/>, with small GraphQL limits and rate limits out of the way.</summary>
public sealed class StorefrontGateway : IAsyncLifetime
{
    public const int MaxDepth = 6;
    public const int MaxComplexity = 1000;

    public RedisServer Redis { get; private set; } = null!;

    public FakeCatalog Catalog { get; private set; } = null!;

    public FakeServices Others { get; private set; } = null!;

    public GatewayApp Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Catalog = await FakeCatalog.StartAsync();
        Others = await FakeServices.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Cache}"] = Redis.ConnectionString,
            ["Identity:Issuer"] = TestIdentityServer.Issuer,
            ["Identity:Audience"] = TestIdentityServer.Audience,
            ["Identity:JwksUri"] = Others.Address + "/.well-known/jwks.json",
            ["Gateway:RateLimits:Enabled"] = "false",
            ["Gateway:GraphQL:MaxDepth"] = MaxDepth.ToString(),
            ["Gateway:GraphQL:MaxComplexity"] = MaxComplexity.ToString(),
        };
        foreach (var service in ResourceNames.Services)
            settings[$"Services:{service}:http:0"] = service == ResourceNames.Catalog ? Catalog.Address : Others.Address;
        Gateway = GatewayApp.Start(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Others.DisposeAsync();
        await Catalog.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
