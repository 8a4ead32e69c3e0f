using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.AppHost.Tests;

public sealed class ServiceClientModelTests
{
    private static readonly string[] ClientIds = [ResourceNames.Ordering, ResourceNames.Delivery, ResourceNames.Notifications];

    public static TheoryData<string> Clients => [.. ClientIds];

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task A_service_client_and_Identity_are_handed_the_same_generated_secret_parameter(string clientId)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local"], TestContext.Current.CancellationToken);
        var projects = builder.Resources.OfType<ProjectResource>().ToDictionary(r => r.Name);
        var parameterName = ResourceNames.ServiceClientSecret(clientId);

        var parameter = builder.Resources.OfType<ParameterResource>().Single(p => p.Name == parameterName);
        var service = await EnvironmentOfAsync(projects[clientId]);
        var identity = await EnvironmentOfAsync(projects[ResourceNames.Identity]);

        Assert.True(parameter.Secret);
        // Generated on first run in development; a deployment supplies it.
        Assert.NotNull(parameter.Default);
        Assert.Equal(clientId, service["ServiceAuth__ClientId"]);
        Assert.Equal($"{{{parameterName}.value}}", service["ServiceAuth__ClientSecret"]);
        Assert.Equal($"{{{parameterName}.value}}", identity[$"Identity__ServiceClients__{clientId}__Secret"]);
    }

    [Fact]
    public async Task Only_service_clients_get_client_credentials()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local"], TestContext.Current.CancellationToken);

        foreach (var project in builder.Resources.OfType<ProjectResource>().Where(p => !ClientIds.Contains(p.Name)))
        {
            Assert.DoesNotContain((await EnvironmentOfAsync(project)).Keys, k => k.StartsWith("ServiceAuth__", StringComparison.Ordinal));
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
