using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;

namespace Grocery.System.Bench;

/// <summary>The AppHost's whole system, started as operators would run it (Production), with the limits a load test needs raised.</summary>
public sealed class SystemUnderLoad : IAsyncDisposable
{
    private const string PidProperty = "executable.pid";

    private SystemUnderLoad(DistributedApplication app) => App = app;

    public DistributedApplication App { get; }

    public static async Task<SystemUnderLoad> StartAsync(CancellationToken ct)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Grocery_AppHost>(
            ["--infra", "local", "--Grocery:EdgePorts", "any"], (options, _) => options.DisableDashboard = true, ct);
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            var resource = builder.CreateResourceBuilder(project)
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Production")
                .WithEnvironment("DOTNET_ENVIRONMENT", "Production")
                .WithEnvironment("Logging__LogLevel__Default", "Warning");
            // One address (the bench) plays every shopper: the per-address budgets would stop it at once.
            if (project.Name == ResourceNames.Gateway)
                foreach (var rule in new[] { "PerAddress", "PerUser", "AuthPerAddress", "CheckoutPerAddress", "CheckoutPerUser" })
                    resource.WithEnvironment($"Gateway__RateLimits__{rule}__PermitLimit", "100000000");
            if (project.Name == ResourceNames.Identity)
            {
                foreach (var rule in new[] { "LoginPerIp", "LoginPerAccount", "RegisterPerIp", "RegisterPerAccount" })
                    resource.WithEnvironment($"Identity__RateLimits__{rule}__PermitLimit", "100000000");
                resource.WithEnvironment("Identity__AccessTokenLifetime", "02:00:00");
            }
        }
        var app = await builder.BuildAsync(ct);
        await app.StartAsync(ct);
        foreach (var name in new[] { ResourceNames.Identity, ResourceNames.Catalog, ResourceNames.Inventory, ResourceNames.Delivery, ResourceNames.Ordering, ResourceNames.Gateway })
            await app.ResourceNotifications.WaitForResourceHealthyAsync(name, ct);
        return new SystemUnderLoad(app);
    }

    public Uri Gateway => App.GetEndpoint(ResourceNames.Gateway, "http");

    public async Task<string> ParameterAsync(string name, CancellationToken ct) =>
        await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(p => p.Name == name).GetValueAsync(ct)
        ?? throw new InvalidOperationException($"Parameter {name} has no value.");

    /// <summary>CPU seconds (user + system) each service process has used so far, read from /proc.</summary>
    public async Task<IReadOnlyDictionary<string, double>> CpuSecondsAsync(CancellationToken ct)
    {
        var cpu = new Dictionary<string, double>();
        foreach (var name in new[] { ResourceNames.Gateway, ResourceNames.Identity, ResourceNames.Catalog, ResourceNames.Inventory, ResourceNames.Delivery, ResourceNames.Ordering })
        {
            var running = await App.ResourceNotifications.WaitForResourceAsync(name,
                e => e.Snapshot.Properties.Any(p => p.Name == PidProperty && p.Value is not null), ct);
            var pid = Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == PidProperty).Value);
            cpu[name] = ProcessCpuSeconds(pid);
        }
        foreach (var (label, processName) in new[] { ("postgres", "postgres"), ("redis", "redis-server") })
            cpu[label] = Process.GetProcessesByName(processName).Sum(p => ProcessCpuSeconds(p.Id));
        return cpu;
    }

    private static double ProcessCpuSeconds(int pid)
    {
        try
        {
            // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name) are utime and stime in clock ticks.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
