using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.AppHost.Tests;

public sealed class PublicEdgeModelTests
{
    public static TheoryData<string> Edges => [ResourceNames.Gateway, ResourceNames.Web];

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task A_public_edge_sees_its_clients_directly_and_probes_reach_it_on_a_management_port(string edge)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local"], TestContext.Current.CancellationToken);
        var resource = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == edge);
        var endpoints = resource.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);

        // Behind Aspire's TCP proxy every client would be 127.0.0.1 and share one rate limit.
        Assert.False(endpoints["http"].IsProxied);
        Assert.True(endpoints["http"].IsExternal);
        Assert.True(endpoints.ContainsKey("management"));
        Assert.Contains(resource.Annotations.OfType<HealthCheckAnnotation>(), _ => true);
        var environment = await EnvironmentOfAsync(resource);
        Assert.Contains("management", environment["Management__Port"]);
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("ForwardedHeaders__KnownProxies", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Services_behind_the_edge_believe_forwarded_addresses_from_loopback_only()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local"], TestContext.Current.CancellationToken);

        foreach (var service in builder.Resources.OfType<ProjectResource>().Where(r => ResourceNames.Services.Contains(r.Name)))
        {
            var environment = await EnvironmentOfAsync(service);
            Assert.Equal(["127.0.0.1", "::1"], environment.Where(e => e.Key.StartsWith("ForwardedHeaders__KnownProxies__", StringComparison.Ordinal))
                .OrderBy(e => e.Key).Select(e => e.Value));
        }
    }

    // Publish mode renders references as expressions, so nothing has to be started or allocated.
    private static async Task<IReadOnlyDictionary<string, string>> EnvironmentOfAsync(ProjectResource service)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(service)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new(DistributedApplicationOperation.Publish), NullLogger.Instance, TestContext.Current.CancellationToken);
        Assert.Null(configuration.Exception);
        return configuration.EnvironmentVariables.ToDictionary(v => v.Key, v => v.Value);
    }
}
