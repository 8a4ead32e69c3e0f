namespace Grocery.Gateway.Tests;

/// <summary>One gateway in front of <see cref="FakeReadApis"/> (as Catalog, Identity, Ordering and Delivery), with small GraphQL limits and rate limits out of the way.</summary>
public sealed class StorefrontGateway : IAsyncLifetime
{
    public const int MaxDepth = 6;
    public const int MaxComplexity = 1000;

    public RedisServer Redis { get; private set; } = null!;

    public FakeReadApis Catalog { get; private set; } = null!;

    public FakeServices Others { get; private set; } = null!;

    public TestIdentityServer Identity { get; private set; } = null!;

    public GatewayApp Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Catalog = await FakeReadApis.StartAsync();
        Others = await FakeServices.StartAsync();
        Identity = await TestIdentityServer.StartAsync();
        var settings = new Dictionary<string, string?>(Identity.ServiceConfiguration)
        {
            [$"ConnectionStrings:{ResourceNames.Cache}"] = Redis.ConnectionString,
            ["Gateway:RateLimits:Enabled"] = "false",
            ["Gateway:GraphQL:MaxDepth"] = MaxDepth.ToString(),
            ["Gateway:GraphQL:MaxComplexity"] = MaxComplexity.ToString(),
        };
        foreach (var service in ResourceNames.Services)
            settings[$"Services:{service}:http:0"] = service is ResourceNames.Catalog or ResourceNames.Identity or ResourceNames.Ordering or ResourceNames.Delivery ? Catalog.Address : Others.Address;
        Gateway = GatewayApp.Start(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Identity.DisposeAsync();
        await Others.DisposeAsync();
        await Catalog.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
