using System.Diagnostics;

namespace Grocery.Firestore.Tests;

/// <summary>
/// The npm Firestore emulator (tools/firestore-emulator) on a free loopback port, installed with
/// npm ci from its lock file when missing.
/// </summary>
public sealed class FirestoreEmulator : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private FirestoreEmulator(ChildProcess process, int port)
    {
        _process = process;
        Host = $"127.0.0.1:{port}";
    }

    /// <summary>host:port, the value of FIRESTORE_EMULATOR_HOST.</summary>
    public string Host { get; }

    public static async Task<FirestoreEmulator> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(RepositoryRoot(), "tools", "firestore-emulator");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@firestore-emulator", "server")))
        {
            await RunAsync("npm", "ci --ignore-scripts --no-audit --no-fund --loglevel=error", directory, cancellationToken);
        }
        var port = FreePort.Next();
        var process = ChildProcess.Start(new ProcessStartInfo("node", ["serve.mjs", port.ToString()]) { WorkingDirectory = directory });
        var emulator = new FirestoreEmulator(process, port);
        try
        {
            await process.WaitForLineAsync($"Firestore emulator listening on 127.0.0.1:{port}", TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
        return emulator;
    }

    /// <summary>A client of its own project, so tests sharing the emulator never see each other's documents.</summary>
    public GrpcFirestoreClient Client(string projectId) =>
        new(new FirestoreOptions { EmulatorHost = Host, ProjectId = projectId });

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task RunAsync(string file, string arguments, string directory, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{file} did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await errors}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Grocery.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Grocery.sln not found above the test's folder.");
    }
}
