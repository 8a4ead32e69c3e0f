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

    private static int? PidOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, out var parsed) => parsed,
            _ => null,
        };
}
