using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.Hardening;

public sealed class PublicEdgeTests(GroceryAppFixture system)
{
    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    public async Task Internal_endpoints_are_not_served_to_the_public_by_the_gateway_or_web(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var gateway = ClientAddresses.GatewayClient(system, ClientAddresses.Next());
        using var web = system.CreateHttpClient(ResourceNames.Web);

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync(path, ct)).StatusCode);
        var fromWeb = await web.GetAsync(path, ct);
        Assert.NotEqual(HttpStatusCode.OK, fromWeb.StatusCode);
        Assert.DoesNotContain("# TYPE", await fromWeb.Content.ReadAsStringAsync(ct));
    }

    [Theory]
    [InlineData(ResourceNames.Gateway)]
    [InlineData(ResourceNames.Web)]
    public async Task Probes_and_scrapers_reach_the_edges_on_their_management_port(string edge)
    {
        var ct = TestContext.Current.CancellationToken;
        using var management = system.App.CreateHttpClient(edge, "management");

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/alive", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/health", ct)).StatusCode);
        Assert.Contains("# TYPE", await management.GetStringAsync("/metrics", ct));
    }

    [Fact]
    public async Task Dead_letters_of_each_service_are_reached_through_the_ops_route_by_admins_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await SystemAccounts.AdminAsync(system, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 0, ct);
        using var gateway = ClientAddresses.GatewayClient(system, ClientAddresses.Next());

        foreach (var service in new[] { ResourceNames.Inventory, ResourceNames.Delivery, ResourceNames.Ordering })
        {
            var url = $"/api/v1/ops/{service}/dead-letters";
            Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.GetAsync(url, ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(gateway, url, shopper.AccessToken, ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, url, admin.AccessToken, ct)).StatusCode);
        }
    }

    [Fact]
    public async Task Two_clients_behind_the_gateway_have_their_own_limits_and_a_forged_forwarded_header_does_not_escape_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = ClientAddresses.Next();
        using var fromFirst = ClientAddresses.GatewayClient(system, first);
        using var fromSecond = ClientAddresses.GatewayClient(system, ClientAddresses.Next());

        // Identity allows so many registrations an hour per client address; the first client uses them up.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= GroceryAppFixture.RegistrationsPerAddress && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
            statuses.Add((await RegisterAsync(fromFirst, forwardedFor: null, ct)).StatusCode);
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);

        var forged = await RegisterAsync(fromFirst, forwardedFor: "203.0.113.7", ct);
        var other = await RegisterAsync(fromSecond, forwardedFor: null, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string? forwardedFor, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
        {
            Content = JsonContent.Create(new { email = $"edge-{Guid.NewGuid():N}@example.com", password = $"Pw-{Guid.NewGuid():N}", name = "Edge" }),
        };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        var response = await client.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request, ct);
    }
}
