using System.Collections.Concurrent;
using System.Globalization;

namespace Grocery.System.Bench;

/// <summary>Durations per step, summarised as count, p50 and p99 in milliseconds.</summary>
public sealed class Latencies
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _steps = new();

    public void Record(string step, TimeSpan duration) => _steps.GetOrAdd(step, _ => []).Add(duration.TotalMilliseconds);

    public int Count(string step) => _steps.TryGetValue(step, out var values) ? values.Count : 0;

    public void Print(IEnumerable<string> order)
    {
        Console.WriteLine($"{"step",-26} {"count",7} {"p50 ms",10} {"p99 ms",10}");
        foreach (var step in order)
        {
            if (!_steps.TryGetValue(step, out var bag) || bag.IsEmpty) continue;
            var sorted = bag.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step,-26} {sorted.Length,7} {Percentile(sorted, 0.50),10:0.0} {Percentile(sorted, 0.99),10:0.0}"));
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
