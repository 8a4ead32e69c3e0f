using System.Diagnostics;

namespace Grocery.AppHost.Infrastructure;

/// <summary>Asks the container runtime's engine (not just its client) whether it is up.</summary>
public static class ContainerRuntimeProbe
{
    public static bool IsHealthy()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return false;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0 && !string.IsNullOrWhiteSpace(output.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no client installed
        }
    }
}
