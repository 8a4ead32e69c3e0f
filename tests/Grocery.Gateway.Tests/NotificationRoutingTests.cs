using System.Net;

namespace Grocery.Gateway.Tests;

/// <summary>The shopper's notifications live under Identity's <c>/api/v1/me</c> but belong to Notifications.</summary>
public sealed class NotificationRoutingTests(NotificationRoutes routes) : IClassFixture<NotificationRoutes>
{
    [Theory]
    [InlineData("/api/v1/me/notifications", true)]
    [InlineData("/api/v1/me/notifications?unread=true", true)]
    [InlineData("/api/v1/me/notifications/preferences", true)]
    [InlineData("/api/v1/me/notifications/0193a1b2-0000-7000-8000-000000000001/read", true)]
    [InlineData("/api/v1/me", false)]
    [InlineData("/api/v1/me/addresses", false)]
    [InlineData("/api/v1/me/notificationsettings", false)]
    public async Task Notification_paths_reach_theNotifications_service_and_the_rest_of_me_stays_withIdentity(string path, bool toNotifications)
    {
        using var client = routes.Gateway.ClientFrom(TwoGateways.NextAddress());
        var method = path.EndsWith("/read", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;

        var response = await client.SendAsync(new HttpRequestMessage(method, path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expectedPath = path.Split('?')[0];
        var (reached, missed) = toNotifications ? (routes.Notifications, routes.Identity) : (routes.Identity, routes.Notifications);
        Assert.Contains(reached.Received, r => r.Path == expectedPath);
        Assert.DoesNotContain(missed.Received, r => r.Path == expectedPath);
    }
}

/// <summary>A gateway whose Notifications and Identity are two different fakes, so each request shows where it went.</summary>
public sealed class NotificationRoutes : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TestIdentityServer _tokens = null!;

    public FakeServices Identity { get; private set; } = null!;
    public FakeServices Notifications { get; private set; } = null!;
    public GatewayApp Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        Identity = await FakeServices.StartAsync();
        Notifications = await FakeServices.StartAsync();
        _tokens = await TestIdentityServer.StartAsync();
        var settings = new Dictionary<string, string?>(_tokens.ServiceConfiguration)
        {
            [$"ConnectionStrings:{ResourceNames.Cache}"] = _redis.ConnectionString,
        };
        foreach (var service in ResourceNames.Services.Append(ResourceNames.Identity).Distinct())
            settings[$"Services:{service}:http:0"] = Identity.Address;
        settings[$"Services:{ResourceNames.Notifications}:http:0"] = Notifications.Address;
        Gateway = GatewayApp.Start(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _tokens.DisposeAsync();
        await Notifications.DisposeAsync();
        await Identity.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
