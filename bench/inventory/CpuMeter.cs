namespace Grocery.Inventory.Bench;

/// <summary>
/// CPU seconds used by this process and by the PostgreSQL server (postmaster and its backends), read
/// from /proc. On a shared machine wall-clock throughput depends on the neighbours; CPU seconds per
/// reservation do not, so the bench also reports what two dedicated cores would sustain.
/// </summary>
internal sealed class CpuMeter(int postgresPort)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly int _postmaster = FindPostmaster(postgresPort);

    public (double Bench, double Postgres) Read() => (CpuOf(Environment.ProcessId), PostgresCpu());

    private double PostgresCpu()
    {
        if (_postmaster == 0) return double.NaN;
        var total = CpuOf(_postmaster);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var stat = Stat(pid);
            if (stat is not null && int.Parse(stat[1]) == _postmaster) total += (long.Parse(stat[11]) + long.Parse(stat[12])) / TicksPerSecond;
        }
        return total;
    }

    private static double CpuOf(int pid) => Stat(pid) is { } s ? (long.Parse(s[11]) + long.Parse(s[12])) / TicksPerSecond : 0;

    // Fields after "(comm)": state ppid ... utime is field 14 and stime 15 of the whole line.
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static int FindPostmaster(int port)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                var p = Array.IndexOf(args, "-p");
                if (args.Length > 0 && args[0].EndsWith("/postgres", StringComparison.Ordinal) && p >= 0 && p + 1 < args.Length && args[p + 1] == port.ToString())
                    return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return 0;
    }
}
