using Microsoft.Extensions.Hosting;

namespace Grocery.AppHost.Infrastructure;

/// <summary>Removes this run's local data directories when the AppHost stops.</summary>
internal sealed class LocalDataCleanup : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(LocalDataDirectory.Root)) return Task.CompletedTask;
        var mine = $"-{Environment.ProcessId}-";
        foreach (var dir in Directory.EnumerateDirectories(LocalDataDirectory.Root).Where(d => Path.GetFileName(d).Contains(mine)))
        {
            LocalDataDirectory.Delete(dir);
        }
        return Task.CompletedTask;
    }
}
