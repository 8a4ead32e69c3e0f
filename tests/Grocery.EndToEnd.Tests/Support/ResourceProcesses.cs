using System.Diagnostics;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>Crashes and restarts a service process the AppHost (DCP) launched.</summary>
public static class ResourceProcesses
{
    public const string PidProperty = "executable.pid";

    public static async Task<int> PidAsync(GroceryAppFixture system, string resource, CancellationToken ct)
    {
        var running = await system.App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running && PidOf(e.Snapshot) is not null, ct);
        return PidOf(running.Snapshot)!.Value;
    }

    /// <summary>SIGKILL (no shutdown hooks, no flushing): the process and anything it started die at once.</summary>
    public static async Task KillAsync(GroceryAppFixture system, string resource, CancellationToken ct)
    {
        var pid = await PidAsync(system, resource, ct);
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true); // SIGKILL on Unix
        await process.WaitForExitAsync(ct);
        await system.App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is not null && e.Snapshot.State.Text != KnownResourceStates.Running && e.Snapshot.State.Text != KnownResourceStates.Starting
                || PidOf(e.Snapshot) is { } current && current != pid,
            ct);
    }

    /// <summary>
    /// A graceful stop through the AppHost's resource command. On a loaded machine DCP can report a
    /// stop as failed while the process is still shutting down, so the state decides, with retries.
    /// </summary>
    public static async Task StopAsync(GroceryAppFixture system, string resource, CancellationToken ct)
    {
        string? failure = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var result = await system.App.ResourceCommands.ExecuteCommandAsync(system.Resource(resource), KnownResourceCommands.StopCommand, ct);
            if (!result.Success) failure = result.Message;
            try
            {
                await system.App.ResourceNotifications.WaitForResourceAsync(resource,
                    e => e.Snapshot.State?.Text is { } state && state != KnownResourceStates.Running && state != KnownResourceStates.Starting
                        && state != KnownResourceStates.Stopping, ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
                return;
            }
            catch (TimeoutException)
            {
            }
        }
        Assert.Fail($"Stopping {resource} failed: {failure ?? "it never left the running state"}");
    }

    public static async Task StartAsync(GroceryAppFixture system, string resource, CancellationToken ct)
    {
        var result = await system.App.ResourceCommands.ExecuteCommandAsync(system.Resource(resource), KnownResourceCommands.StartCommand, ct);
        Assert.True(result.Success, $"Starting {resource} failed: {result.Message}");
        // The latest snapshot can still be the stopped process's (Exited, FailedToStart) for a moment after the
        // command returns, and a health wait that reads it gives up at once: wait for the new process first.
        await system.App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text == KnownResourceStates.Running, ct)
            .WaitAsync(TimeSpan.FromMinutes(2), ct);
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, ct);
    }

    private static int? PidOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, out var parsed) => parsed,
            _ => null,
        };
}
