using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Grocery.Checkout.Bench;

/// <summary>
/// What the measured window costs, for figures per order that a shared machine does not blur: CPU seconds
/// of this process (Ordering, the HTTP fakes, the simulated peers and the in-process Kafka mock cluster,
/// whose librdkafka threads are shown apart) and of its child servers (PostgreSQL with its backends, Redis),
/// bytes allocated here, and the database round trips (with their statements) and outgoing HTTP calls,
/// counted from the Npgsql and HttpClient activities.
/// </summary>
internal sealed partial class BenchMeter : IDisposable
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, Counter> _sql = new();
    private readonly ConcurrentDictionary<string, Counter> _http = new();
    private volatile bool _recording;
    private Snapshot _start;
    private Snapshot _end;

    public BenchMeter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Start()
    {
        _sql.Clear();
        _http.Clear();
        _start = Snapshot.Take();
        _recording = true;
    }

    public void Stop()
    {
        _recording = false;
        _end = Snapshot.Take();
    }

    public void Print(int orders)
    {
        var perOrder = 1000.0 / orders;
        Console.WriteLine($"CPU ms per order:       {(_end.Total - _start.Total) * perOrder,7:F1} in all, of which");
        Console.WriteLine($"  bench process         {(_end.Own - _start.Own) * perOrder,7:F1} (Ordering, fakes, peers, Kafka mock; librdkafka threads {(_end.Kafka - _start.Kafka) * perOrder:F1})");
        foreach (var (command, seconds) in _end.Children.OrderByDescending(c => c.Value))
            Console.WriteLine($"  {command,-21} {(seconds - _start.Children.GetValueOrDefault(command)) * perOrder,7:F1}");
        Console.WriteLine($"allocated per order:    {(_end.Allocated - _start.Allocated) / 1024.0 / orders:F0} KiB (bench process)");
        var roundTrips = _sql.Values.Sum(c => c.Calls);
        var statements = _sql.Values.Sum(c => c.Statements);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SQL per order:          {(double)roundTrips / orders:F2} round trips, {(double)statements / orders:F2} statements"));
        foreach (var (sql, counter) in _sql.OrderByDescending(s => s.Value.Calls).Take(20))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(double)counter.Calls / orders,5:F2} x{(double)counter.Statements / Math.Max(1, counter.Calls),4:F1}  {sql}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"HTTP calls per order:   {(double)_http.Values.Sum(c => c.Calls) / orders:F2}"));
        foreach (var (call, counter) in _http.OrderByDescending(s => s.Value.Calls))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(double)counter.Calls / orders,5:F2}  {call}"));
    }

    private void Record(Activity activity)
    {
        if (!_recording) return;
        if (activity.Source.Name == "Npgsql")
        {
            var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName;
            var statements = Math.Max(1, StatementEnd().Count(text.TrimEnd().TrimEnd(';')) + 1);
            var key = Whitespace().Replace(text, " ").Trim();
            var counter = _sql.GetOrAdd(key.Length > 110 ? key[..110] : key, _ => new Counter());
            Interlocked.Increment(ref counter.Calls);
            Interlocked.Add(ref counter.Statements, statements);
        }
        else
        {
            var url = activity.GetTagItem("url.full") as string ?? activity.DisplayName;
            var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
            var key = $"{activity.GetTagItem("http.request.method")} {Identifier().Replace(path, "{id}")}";
            Interlocked.Increment(ref _http.GetOrAdd(key, _ => new Counter()).Calls);
        }
    }

    public void Dispose() => _listener.Dispose();

    [GeneratedRegex(@";\s*\n")]
    private static partial Regex StatementEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|p-[0-9a-f]{32}")]
    private static partial Regex Identifier();

    private sealed class Counter
    {
        public long Calls;
        public long Statements;
    }

    private readonly record struct Snapshot(double Own, double Kafka, IReadOnlyDictionary<string, double> Children, long Allocated)
    {
        public double Total => Own + Children.Values.Sum();

        public static Snapshot Take()
        {
            var self = Environment.ProcessId;
            var own = Seconds(Stat($"/proc/{self}/stat"), reaped: false);
            var kafka = 0.0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{self}/task"))
                if (Stat(Path.Combine(task, "stat")) is { } t && t.Command.StartsWith("rdk:", StringComparison.Ordinal)) kafka += Seconds(t, reaped: false);
            var table = new Dictionary<int, Fields>();
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
                if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(Path.Combine(dir, "stat")) is { } fields) table[pid] = fields;
            var children = new Dictionary<string, double>();
            foreach (var (pid, fields) in table)
                if (fields.Parent == self)
                    children[fields.Command] = children.GetValueOrDefault(fields.Command) + Tree(pid, table);
            // Exited PostgreSQL backends count through the postmaster's reaped times.
            return new Snapshot(own, kafka, children, GC.GetTotalAllocatedBytes(precise: false));
        }

        private static double Tree(int pid, Dictionary<int, Fields> table) =>
            Seconds(table[pid], reaped: true) + table.Where(p => p.Value.Parent == pid).Sum(p => Tree(p.Key, table));

        private static double Seconds(Fields? fields, bool reaped) =>
            fields is null ? 0 : (fields.Value.User + fields.Value.System + (reaped ? fields.Value.ReapedUser + fields.Value.ReapedSystem : 0)) / TicksPerSecond;

        private static Fields? Stat(string path)
        {
            try
            {
                var text = File.ReadAllText(path);
                var open = text.IndexOf('(');
                var close = text.LastIndexOf(')');
                var f = text[(close + 2)..].Split(' ');
                return new Fields(text[(open + 1)..close], int.Parse(f[1], CultureInfo.InvariantCulture),
                    long.Parse(f[11], CultureInfo.InvariantCulture), long.Parse(f[12], CultureInfo.InvariantCulture),
                    long.Parse(f[13], CultureInfo.InvariantCulture), long.Parse(f[14], CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null; // The process ended while the table was read.
            }
        }
    }

    private readonly record struct Fields(string Command, int Parent, long User, long System, long ReapedUser, long ReapedSystem);
}
