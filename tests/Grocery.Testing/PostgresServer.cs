using System.Diagnostics;
using Npgsql;

namespace Grocery.Testing;

/// <summary>
/// A real PostgreSQL 15 server started from Debian's binaries on a free loopback port with a fresh
/// data directory. Tuned for tests (no fsync); as root it runs as the postgres user because
/// initdb and postgres refuse to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private PostgresServer(Process process, string dataDirectory, int port)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=200;Timeout=15";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory();
        var dataDirectory = ScratchDirectory.Create("pg");
        var pgData = Path.Combine(dataDirectory, "data");
        Directory.CreateDirectory(pgData);
        ChownToPostgres(dataDirectory);

        await RunToCompletionAsync(Command(Path.Combine(binDirectory, "initdb"),
            "-D", pgData, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), cancellationToken);

        var port = FreePort.Next();
        var start = Command(Path.Combine(binDirectory, "postgres"),
            "-D", pgData, "-p", port.ToString(), "-k", dataDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=500", "-c", "shared_buffers=128MB");
        var process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        DrainOutput(process);
        var server = new PostgresServer(process, dataDirectory, port);
        await server.WaitUntilAcceptingAsync(cancellationToken);
        return server;
    }

    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Stops the server abruptly (as an outage would) while keeping its data.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        NpgsqlConnection.ClearAllPools();
        ScratchDirectory.Delete(_dataDirectory);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"postgres exited with {_process.ExitCode}");
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static string FindBinDirectory()
    {
        foreach (var version in new[] { "17", "16", "15" })
        {
            var dir = $"/usr/lib/postgresql/{version}/bin";
            if (File.Exists(Path.Combine(dir, "initdb"))) return dir;
        }
        throw new InvalidOperationException("PostgreSQL binaries not found; install the Debian package 'postgresql'.");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static ProcessStartInfo Command(string executable, params string[] args)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (IsRoot)
        {
            info.FileName = "setpriv";
            foreach (var a in new[] { "--reuid=postgres", "--regid=postgres", "--clear-groups", executable }) info.ArgumentList.Add(a);
        }
        else
        {
            info.FileName = executable;
        }
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }

    private static void ChownToPostgres(string path)
    {
        if (!IsRoot) return;
        using var chown = Process.Start("chown", ["-R", "postgres:postgres", path])!;
        chown.WaitForExit();
    }

    private static async Task RunToCompletionAsync(ProcessStartInfo info, CancellationToken cancellationToken)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{info.FileName} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    private static void DrainOutput(Process process)
    {
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }
}
