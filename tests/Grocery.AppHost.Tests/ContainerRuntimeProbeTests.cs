using Grocery.AppHost.Infrastructure;

namespace Grocery.AppHost.Tests;

/// <summary>
/// The probe runs <c>$ASPIRE_CONTAINER_RUNTIME info</c>; fake runtimes stand in for a client with
/// no engine (the situation on this project's CI machines) and for a healthy engine.
/// </summary>
[Collection(nameof(ContainerRuntimeProbeTests))] // mutates a process-wide environment variable
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ContainerRuntimeProbeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("grocery-probe").FullName;
    private readonly string? _previous = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");

    [Fact]
    public void A_client_whose_engine_is_not_running_is_not_healthy()
    {
        UseFakeRuntime("echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock' >&2; exit 1");

        Assert.False(ContainerRuntimeProbe.IsHealthy());
    }

    [Fact]
    public void A_missing_client_is_not_healthy()
    {
        Environment.SetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME", Path.Combine(_directory, "no-such-runtime"));

        Assert.False(ContainerRuntimeProbe.IsHealthy());
    }

    [Fact]
    public void An_engine_that_reports_its_version_is_healthy()
    {
        UseFakeRuntime("echo 28.2.2");

        Assert.True(ContainerRuntimeProbe.IsHealthy());
    }

    private void UseFakeRuntime(string body)
    {
        var path = Path.Combine(_directory, "fake-runtime");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME", path);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME", _previous);
        Directory.Delete(_directory, recursive: true);
    }
}
