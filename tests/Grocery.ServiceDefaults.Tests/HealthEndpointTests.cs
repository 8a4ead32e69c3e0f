using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grocery.ServiceDefaults.Tests;

public sealed class HealthEndpointTests : IAsyncLifetime
{
    private TestIdentityServer _identity = null!;

    public async ValueTask InitializeAsync() => _identity = await TestIdentityServer.StartAsync();

    public async ValueTask DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task A_failing_database_check_makes_the_service_unready_but_still_alive()
    {
        await using var host = await ServiceHost.StartAsync(_identity,
            checks => checks.AddCheck("catalogdb", () => HealthCheckResult.Unhealthy("down")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.Client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/alive", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("StackExchange.Redis_cache")]
    [InlineData("kafka-producer")]
    public async Task A_failing_redis_or_kafka_check_degrades_but_never_makes_the_service_unready(string checkName)
    {
        await using var host = await ServiceHost.StartAsync(_identity,
            checks => checks.AddCheck(checkName, () => HealthCheckResult.Unhealthy("down")));

        var response = await host.Client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Degraded", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_detail_is_hidden_from_anonymous_callers()
    {
        await using var host = await ServiceHost.StartAsync(_identity,
            checks => checks.AddCheck("catalogdb", () => HealthCheckResult.Healthy()));

        var body = await host.Client.GetStringAsync("/health", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("catalogdb", body);
    }

    [Fact]
    public async Task Metrics_are_served_for_prometheus()
    {
        await using var host = await ServiceHost.StartAsync(_identity);
        await host.Client.GetAsync("/alive", TestContext.Current.CancellationToken);

        var response = await host.Client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_details_404()
    {
        await using var host = await ServiceHost.StartAsync(_identity);

        var response = await host.Client.GetAsync("/no/such/route", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
