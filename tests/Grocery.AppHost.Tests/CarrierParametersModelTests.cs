using Microsoft.Extensions.Logging.Abstractions;

namespace Grocery.AppHost.Tests;

/// <summary>Carrier credentials are optional secret parameters of Delivery: absent, the system still starts and uses the in-house fleet.</summary>
public sealed class CarrierParametersModelTests
{
    private static async Task<(IReadOnlyList<IResource> Resources, Dictionary<string, string?> DeliveryEnvironment)> BuildAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local", .. args], TestContext.Current.CancellationToken);
        var delivery = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Delivery);
        var configuration = await ExecutionConfigurationBuilder.Create(delivery)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(new(DistributedApplicationOperation.Publish), NullLogger.Instance, TestContext.Current.CancellationToken);
        Assert.Null(configuration.Exception);
        return (builder.Resources.ToList(), configuration.EnvironmentVariables.ToDictionary(v => v.Key, v => (string?)v.Value));
    }

    [Fact]
    public async Task Without_carrier_parameters_delivery_gets_no_carrier_credentials()
    {
        var (resources, environment) = await BuildAsync();

        Assert.DoesNotContain(resources.OfType<ParameterResource>(), p => p.Name.StartsWith("grab-", StringComparison.Ordinal)
            || p.Name.StartsWith("viettelpost-", StringComparison.Ordinal));
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Carriers__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Grab_parameters_reach_delivery_as_secret_parameter_references()
    {
        var (resources, environment) = await BuildAsync(
            "--Parameters:grab-client-id=grocery", "--Parameters:grab-client-secret=s3cret", "--Parameters:grab-webhook-secret=hook");

        Assert.All(resources.OfType<ParameterResource>().Where(p => p.Name.StartsWith("grab-", StringComparison.Ordinal)), p => Assert.True(p.Secret));
        Assert.Equal("{grab-client-id.value}", environment["Carriers__grab__ClientId"]);
        Assert.Equal("{grab-client-secret.value}", environment["Carriers__grab__ClientSecret"]);
        Assert.Equal("{grab-webhook-secret.value}", environment["Carriers__grab__WebhookSecret"]);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("Carriers__viettelpost__", StringComparison.Ordinal));
    }
}
