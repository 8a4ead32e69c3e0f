using Microsoft.Extensions.DependencyInjection;
using System.Globalization;

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
            // The runtime's own switches the bench is run with reach every service too: DOTNET_PerfMapEnabled=1 to profile
            // with `perf record -g -a` (perf resolves JIT frames only from the maps the runtime writes when asked at start,
            // and not in its double-mapped W^X code), or a tiered-compilation switch to compare.
            foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<global::System.Collections.DictionaryEntry>()
                .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith("DOTNET_", StringComparison.Ordinal)
                    && e.Item1 != "DOTNET_ENVIRONMENT" && e.Item2 is { Length: > 0 }))
                resource.WithEnvironment(name, value);
            if (Environment.GetEnvironmentVariable("DOTNET_PerfMapEnabled") is { Length: > 0 })
                resource.WithEnvironment("DOTNET_EnableWriteXorExecute", "0");
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

    /// <summary>
    /// CPU seconds (user + system) each service has used so far, read from /proc. A service runs under
    /// `dotnet run`, so its time is the whole process tree's: live descendants, and reaped ones through
    /// their parent's cutime and cstime (PostgreSQL's exited backends).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> CpuSecondsAsync(CancellationToken ct)
    {
        var processes = ReadProcesses();
        var cpu = new Dictionary<string, double>();
        foreach (var name in new[] { ResourceNames.Gateway, ResourceNames.Identity, ResourceNames.Catalog, ResourceNames.Inventory, ResourceNames.Delivery, ResourceNames.Ordering, ResourceNames.Notifications })
        {
            var running = await App.ResourceNotifications.WaitForResourceAsync(name,
                e => e.Snapshot.Properties.Any(p => p.Name == PidProperty && p.Value is not null), ct);
            cpu[name] = TreeSeconds(Convert.ToInt32(running.Snapshot.Properties.First(p => p.Name == PidProperty).Value), processes);
        }
        // PostgreSQL and Redis run as executables named so; their top processes are those whose parent has another name.
        foreach (var (label, command) in new[] { ("postgres", "postgres"), ("redis", "redis-server") })
            cpu[label] = processes.Values.Where(p => p.Command == command && (!processes.TryGetValue(p.Parent, out var parent) || parent.Command != command))
                .Sum(p => TreeSeconds(p.Pid, processes));
        return cpu;
    }

    private sealed record ProcessTimes(int Pid, int Parent, string Command, double Own, double Reaped);

    private static Dictionary<int, ProcessTimes> ReadProcesses()
    {
        var processes = new Dictionary<int, ProcessTimes>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ... utime stime cutime cstime ..." in clock ticks.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                processes[pid] = new ProcessTimes(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close],
                    (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0,
                    (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while the table was read.
            }
        }
        return processes;
    }

    private static double TreeSeconds(int pid, IReadOnlyDictionary<int, ProcessTimes> processes) =>
        processes.TryGetValue(pid, out var process)
            ? process.Own + process.Reaped + processes.Values.Where(p => p.Parent == pid).Sum(child => TreeSeconds(child.Pid, processes))
            : 0;

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
