using System.Diagnostics;
using Grocery.Testing;

namespace Grocery.Messaging.Tests;

/// <summary>The test worker as a child process, so it can be SIGKILLed at a fault-injection point.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process) => _process = process;

    public static WorkerProcess Start(TestBusSettings settings, string? fault = null)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Grocery.Messaging.TestWorker.dll"));
        foreach (var arg in new[] { settings.Database, settings.Kafka, settings.Topic, settings.Group, settings.Relay ? "relay" : "consumer" })
            info.ArgumentList.Add(arg);
        if (fault is not null) info.Environment["GROCERY_MESSAGING_FAULT"] = fault;
        return new WorkerProcess(ChildProcess.Start(info));
    }

    public Task WaitForLineAsync(string line, int timeoutSeconds = 60) =>
        _process.WaitForLineAsync(line, TimeSpan.FromSeconds(timeoutSeconds), TestContext.Current.CancellationToken);

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed or committed.</summary>
    public Task KillAsync() => _process.KillAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
