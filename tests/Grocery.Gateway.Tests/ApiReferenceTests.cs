using System.Net;

namespace Grocery.Gateway.Tests;

public sealed class ApiReferenceTests
{
    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task The_api_reference_page_lists_every_service_document_in_development_only(string environment, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync(ct);
        var settings = new Dictionary<string, string?> { [$"ConnectionStrings:{ResourceNames.Cache}"] = redis.ConnectionString };
        await using var gateway = GatewayApp.Start(settings, environment);
        using var client = gateway.ClientFrom(TwoGateways.NextAddress());

        var page = await client.GetAsync("/scalar", ct);

        Assert.Equal(expected, page.StatusCode);
        if (expected != HttpStatusCode.OK) return;
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.All(ResourceNames.Services, service => Assert.Contains($"openapi/{service}.json", html));
        Assert.False(page.Headers.Contains("Content-Security-Policy"), "the reference page runs scripts, so it is spared the API's policy");
    }
}
