using System.Diagnostics;
using Grocery.Testing;

namespace Grocery.Ordering.Tests;

/// <summary>
/// Ordering as its own process over a test's database and consumer group, so a crash test can stop
/// it at a fault-injection point of the messaging library and SIGKILL it there.
/// </summary>
public static class OrderingProcess
{
    public static ChildProcess Start(OrderingInfrastructure infrastructure, string connectionString, string consumerGroup, string faultPoint)
    {
        // Ordering's own build output: its dependency graph differs from the test project's (e.g. the Redis client version).
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var repository = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var output = Path.Combine(repository, "Grocery.Ordering", "bin", testOutput.Parent.Name, testOutput.Name);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        info.ArgumentList.Add(Path.Combine(output, "Grocery.Ordering.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment["GROCERY_MESSAGING_FAULT"] = faultPoint;
        foreach (var (key, value) in OrderingApp.Settings(infrastructure, connectionString, consumerGroup))
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return ChildProcess.Start(info);
    }
}
