using System.Collections.Concurrent;
using System.Diagnostics;

namespace Grocery.Testing;

/// <summary>
/// A process a crash test starts, watches (stdout and stderr lines) and SIGKILLs at a point it
/// announced, so no shutdown code runs and nothing is flushed or committed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static ChildProcess Start(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start."));
    }

    /// <summary>Waits until the process prints exactly <paramref name="line"/>; fails with its output if it exits or time runs out.</summary>
    public async Task WaitForLineAsync(string line, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (!_output.Contains(line))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The process exited ({_process.ExitCode}) before printing '{line}':\n{Output}");
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"The process did not print '{line}' within {timeout.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(20, cancellationToken);
        }
    }

    public string Output => string.Join('\n', _output);

    /// <summary>SIGKILL on Unix.</summary>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
