using System.Diagnostics;

namespace Grocery.Firestore.Tests;

/// <summary>
/// The npm Firestore emulator on a free loopback port, through the script the AppHost runs too
/// (tools/firestore-emulator/start.sh: npm ci from the lock file when missing, then node).
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
        var script = Path.Combine(RepositoryRoot(), "tools", "firestore-emulator", "start.sh");
        var port = FreePort.Next();
        var process = ChildProcess.Start(new ProcessStartInfo("bash", [script, port.ToString()]));
        var emulator = new FirestoreEmulator(process, port);
        try
        {
            // An install on a clean clone takes a few seconds; the limit is for a registry that does not answer.
            await process.WaitForLineAsync($"Firestore emulator listening on 127.0.0.1:{port}", TimeSpan.FromSeconds(120), cancellationToken);
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

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Grocery.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Grocery.sln not found above the test's folder.");
    }
}
