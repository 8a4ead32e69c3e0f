using System.Diagnostics;
using System.Text;
using Grocery.Testing;

namespace Grocery.Architecture.Tests;

/// <summary><c>pg_dump --schema-only</c> of a database, without what differs between two equal schemas.</summary>
public static class SchemaDump
{
    public static async Task<string> OfAsync(PostgresServer server, string database, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(PgDump())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--schema-only", "--no-owner", "--no-privileges", "-h", "127.0.0.1", "-p", server.Port.ToString(), "-U", "postgres", database })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await stderr}");
        return Normalize(await stdout);
    }

    /// <summary>
    /// Drops comments, session settings, blank lines and pg_dump's per-run \restrict key; what is left
    /// is the schema, in pg_dump's own order (by kind of object, then name).
    /// </summary>
    public static string Normalize(string dump)
    {
        var kept = new StringBuilder();
        foreach (var raw in dump.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("SET ", StringComparison.Ordinal)
                || line.StartsWith("SELECT pg_catalog.set_config", StringComparison.Ordinal) || line.StartsWith('\\'))
                continue;
            kept.Append(line).Append('\n');
        }
        return kept.ToString();
    }

    private static string PgDump()
    {
        foreach (var version in new[] { "17", "16", "15" })
        {
            var path = $"/usr/lib/postgresql/{version}/bin/pg_dump";
            if (File.Exists(path)) return path;
        }
        throw new InvalidOperationException("pg_dump not found; install the Debian package 'postgresql'.");
    }
}
