using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Testing.AppHost;

/// <summary>Stops and starts a resource of a running test AppHost the way the dashboard's commands do.</summary>
public static class ResourceLifecycle
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StartWait = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan HealthyWait = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A graceful stop. On a loaded machine DCP can report a stop as failed while the process is still shutting
    /// down, so the resource's state decides, with retries.
    /// </summary>
    public static async Task StopResourceAsync(this DistributedApplication app, string resource, CancellationToken ct)
    {
        string? failure = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var result = await app.ResourceCommands.ExecuteCommandAsync(app.Resource(resource), KnownResourceCommands.StopCommand, ct);
            if (!result.Success) failure = result.Message;
            try
            {
                await app.ResourceNotifications.WaitForResourceAsync(resource,
                    e => e.Snapshot.State?.Text is { } state && state != KnownResourceStates.Running && state != KnownResourceStates.Starting
                        && state != KnownResourceStates.Stopping, ct).WaitAsync(StopWait, ct);
                return;
            }
            catch (TimeoutException)
            {
            }
        }
        throw new InvalidOperationException($"Stopping {resource} failed: {failure ?? "it never left the running state"}");
    }

    /// <summary>Starts a stopped resource and returns once the new process is running and healthy.</summary>
    public static async Task StartResourceAsync(this DistributedApplication app, string resource, CancellationToken ct)
    {
        var result = await app.ResourceCommands.ExecuteCommandAsync(app.Resource(resource), KnownResourceCommands.StartCommand, ct);
        if (!result.Success) throw new InvalidOperationException($"Starting {resource} failed: {result.Message}");
        // The latest snapshot can still be the stopped process's (Exited, FailedToStart) for a moment after the
        // command returns, and a health wait that reads it gives up at once: wait for the new process first.
        await app.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running, ct)
            .WaitAsync(StartWait, ct);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct).WaitAsync(HealthyWait, ct);
    }

    private static IResource Resource(this DistributedApplication app, string name) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);
}
