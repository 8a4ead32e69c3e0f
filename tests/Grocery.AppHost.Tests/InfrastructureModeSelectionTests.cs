using Grocery.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Grocery.AppHost.Tests;

public sealed class InfrastructureModeSelectionTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void With_no_container_runtime_local_mode_is_chosen()
    {
        var mode = InfrastructureModeSelector.Select(Configuration(), isPublishMode: false, containerRuntimeIsHealthy: () => false);

        Assert.Equal(InfrastructureMode.Local, mode);
    }

    [Fact]
    public void With_a_healthy_container_runtime_containers_mode_is_chosen()
    {
        var mode = InfrastructureModeSelector.Select(Configuration(), isPublishMode: false, containerRuntimeIsHealthy: () => true);

        Assert.Equal(InfrastructureMode.Containers, mode);
    }

    [Theory]
    [InlineData(InfrastructureModeSelector.ConfigurationKey)]
    [InlineData(InfrastructureModeSelector.EnvironmentVariable)]
    public void An_explicit_choice_wins_over_detection(string key)
    {
        var local = InfrastructureModeSelector.Select(Configuration((key, "local")), false, () => true);
        var containers = InfrastructureModeSelector.Select(Configuration((key, "Containers")), false, () => false);

        Assert.Equal(InfrastructureMode.Local, local);
        Assert.Equal(InfrastructureMode.Containers, containers);
    }

    [Fact]
    public void An_unknown_mode_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            InfrastructureModeSelector.Select(Configuration(("infra", "kubernetes")), false, () => true));
    }

    [Fact]
    public void Publishing_describes_containers()
    {
        Assert.Equal(InfrastructureMode.Containers, InfrastructureModeSelector.Select(Configuration(), isPublishMode: true, () => false));
    }
}
