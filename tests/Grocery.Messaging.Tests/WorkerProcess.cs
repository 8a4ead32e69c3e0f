using System.Collections.Concurrent;
using System.Diagnostics;

namespace Grocery.Messaging.Tests;

/// <summary>The test worker as a child process, so it can be SIGKILLed at a fault-injection point.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static WorkerProcess Start(TestBusSettings settings, string? fault = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Grocery.Messaging.TestWorker.dll"));
        foreach (var arg in new[] { settings.Database, settings.Kafka, settings.Topic, settings.Group, settings.Relay ? "relay" : "consumer" })
            info.ArgumentList.Add(arg);
        if (fault is not null) info.Environment["GROCERY_MESSAGING_FAULT"] = fault;
        return new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("The worker did not start."));
    }

    public async Task WaitForLineAsync(string line, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!_output.Contains(line))
        {
            if (_process.HasExited) Assert.Fail($"The worker exited ({_process.ExitCode}) before '{line}':\n{string.Join('\n', _output)}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"The worker did not print '{line}' in {timeoutSeconds} s:\n{string.Join('\n', _output)}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed or committed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
