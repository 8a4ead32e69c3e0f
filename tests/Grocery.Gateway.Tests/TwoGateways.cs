using Grocery.ServiceDefaults.Throttling;
using Microsoft.Extensions.DependencyInjection;
using System.Net;

namespace Grocery.Gateway.Tests;

/// <summary>Two gateway replicas on one Redis in front of the same fake services, with small limits.</summary>
public sealed class TwoGateways : IAsyncLifetime
{
    public const int PerAddress = 6;
    public const int PerUser = 4;
    public const int AuthPerAddress = 3;
    public const int CheckoutPerUser = 2;
    public const int StripeWebhookPerAddress = 5;
    public const int CarrierWebhookPerAddress = 5;
    public const long DefaultBodyBytes = 1024;
    public const long ImportBodyBytes = 8192;

    private static int _nextAddress = 0x7F_00_20_00; // 127.0.32.0 upwards, one per test client

    public RedisServer Redis { get; private set; } = null!;

    public FakeServices Services { get; private set; } = null!;

    public TestIdentityServer Identity { get; private set; } = null!;

    public GatewayApp First { get; private set; } = null!;

    public GatewayApp Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Services = await FakeServices.StartAsync();
        Identity = await TestIdentityServer.StartAsync();
        var settings = new Dictionary<string, string?>(Identity.ServiceConfiguration)
        {
            [$"ConnectionStrings:{ResourceNames.Cache}"] = Redis.ConnectionString,
            ["Gateway:RateLimits:PerAddress:PermitLimit"] = PerAddress.ToString(),
            ["Gateway:RateLimits:PerUser:PermitLimit"] = PerUser.ToString(),
            ["Gateway:RateLimits:AuthPerAddress:PermitLimit"] = AuthPerAddress.ToString(),
            ["Gateway:RateLimits:CheckoutPerUser:PermitLimit"] = CheckoutPerUser.ToString(),
            ["Gateway:RateLimits:StripeWebhookPerAddress:PermitLimit"] = StripeWebhookPerAddress.ToString(),
            ["Gateway:RateLimits:CarrierWebhookPerAddress:PermitLimit"] = CarrierWebhookPerAddress.ToString(),
            ["Gateway:BodyLimits:DefaultBytes"] = DefaultBodyBytes.ToString(),
            ["Gateway:BodyLimits:Routes:0:PathPrefix"] = "/api/v1/products/import",
            ["Gateway:BodyLimits:Routes:0:MaxBytes"] = ImportBodyBytes.ToString(),
            ["Gateway:CorsOrigins:0"] = "https://shop.grocery.test",
        };
        // Windows far longer than any test, so a slow machine cannot reset a count mid-test.
        foreach (var rule in new[] { "PerAddress", "PerUser", "AuthPerAddress", "CheckoutPerAddress", "CheckoutPerUser", "StripeWebhookPerAddress", "CarrierWebhookPerAddress" })
            settings[$"Gateway:RateLimits:{rule}:Window"] = "01:00:00";
        foreach (var service in ResourceNames.Services.Append(ResourceNames.Identity).Distinct())
            settings[$"Services:{service}:http:0"] = Services.Address;
        First = GatewayApp.Start(settings);
        Second = GatewayApp.Start(settings);
    }

    public static IPAddress NextAddress()
    {
        var value = Interlocked.Increment(ref _nextAddress);
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    /// <summary>
    /// Shares the browsing counts as the replicas' background sync does every interval, twice round,
    /// so each replica has read the other's hits (the test does not wait on the timer).
    /// </summary>
    public async Task ShareCountsAsync()
    {
        for (var round = 0; round < 2; round++)
            foreach (var gateway in new[] { First, Second })
                await gateway.Services.GetRequiredService<BatchedRequestThrottle>().SyncAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        await Identity.DisposeAsync();
        await Services.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
