using System.Collections.Concurrent;

namespace Grocery.Messaging.Bench;

public sealed class LatencyRecorder
{
    private readonly ConcurrentQueue<(DateTimeOffset Written, DateTimeOffset Handled)> _samples = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Record(DateTimeOffset written, DateTimeOffset handled)
    {
        _samples.Enqueue((written, handled));
        Interlocked.Increment(ref _count);
    }

    public void Reset()
    {
        _samples.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    public DateTimeOffset LastHandled => _samples.Max(s => s.Handled);

    /// <param name="committed">When the events became visible, if later than their outbox write (one big transaction).</param>
    public (double P50, double P99, double Max) Percentiles(DateTimeOffset? committed = null)
    {
        var sorted = _samples
            .Select(s => (s.Handled - (committed > s.Written ? committed.Value : s.Written)).TotalMilliseconds)
            .Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.99), sorted[^1]);
    }
}
