using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests;

public sealed class SystemStartupTests(GroceryAppFixture system)
{
    [Fact]
    public async Task Every_resource_reports_healthy()
    {
        var notifications = system.App.ResourceNotifications;
        foreach (var name in GroceryAppFixture.HealthCheckedResources)
        {
            var resourceEvent = await notifications.WaitForResourceHealthyAsync(name, TestContext.Current.CancellationToken);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, resourceEvent.Snapshot.HealthStatus);
        }
    }

    [Theory]
    [InlineData(ResourceNames.Catalog)]
    [InlineData(ResourceNames.Inventory)]
    [InlineData(ResourceNames.Ordering)]
    [InlineData(ResourceNames.Delivery)]
    [InlineData(ResourceNames.Identity)]
    [InlineData(ResourceNames.Gateway)]
    [InlineData(ResourceNames.Web)]
    public async Task Every_service_answers_liveness_and_readiness(string service)
    {
        // The public edges answer probes on their management port only.
        using var http = service is ResourceNames.Gateway or ResourceNames.Web
            ? system.App.CreateHttpClient(service, "management")
            : system.CreateHttpClient(service);

        var alive = await http.GetAsync("/alive", TestContext.Current.CancellationToken);
        var ready = await http.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_details_404()
    {
        using var gateway = system.CreateHttpClient(ResourceNames.Gateway);

        var response = await gateway.GetAsync("/api/v1/no-such-resource/42", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"status\":404", body);
    }

    [Fact]
    public async Task The_gateway_routes_a_catalog_resource_to_the_catalog()
    {
        using var gateway = system.CreateHttpClient(ResourceNames.Gateway);

        var response = await gateway.GetAsync("/api/v1/categories", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/products?limit=3", ResourceNames.Catalog, 200)]
    [InlineData("/api/v1/search?q=sua", ResourceNames.Catalog, 200)]
    [InlineData("/api/v1/warehouses", ResourceNames.Inventory, 200)]
    // Delivery's own validation message ("Choose a zone ...") shows who answered.
    [InlineData("/api/v1/slots", ResourceNames.Delivery, 400)]
    [InlineData("/api/v1/basket", ResourceNames.Ordering, 200)]
    [InlineData("/api/v1/orders", ResourceNames.Ordering, 200)]
    [InlineData("/api/v1/me", ResourceNames.Identity, 200)]
    public async Task The_gateway_answers_a_resource_exactly_as_the_service_that_owns_it(string path, string owner, int status)
    {
        var ct = TestContext.Current.CancellationToken;
        var shopper = await SystemAccounts.ShopperAsync(system, 3, ct);
        var direct = await shopper.ClientAsync(owner, ct);
        var gateway = await shopper.ClientAsync(ResourceNames.Gateway, ct);

        using var fromOwner = await direct.GetAsync(path, ct);
        using var throughGateway = await gateway.GetAsync(path, ct);

        Assert.Equal(status, (int)fromOwner.StatusCode);
        Assert.Equal(status, (int)throughGateway.StatusCode);
        Assert.Equal(fromOwner.Content.Headers.ContentType?.MediaType, throughGateway.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WithoutTraceId(await fromOwner.Content.ReadAsStringAsync(ct)), WithoutTraceId(await throughGateway.Content.ReadAsStringAsync(ct)));
    }

    /// <summary>A problem's traceId names the request, not the answer.</summary>
    private static string WithoutTraceId(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");
}
