using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Grocery.Gateway.GraphQL;

/// <summary>
/// A concurrent map that keeps at most <c>capacity</c> entries. Past it, the least recently used tenth
/// goes at once, so a stream of never-repeated keys (a client inventing queries) costs a sort per tenth
/// of the capacity rather than per insert, and cannot grow the map.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Lock _trimming = new();
    private long _clock;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), "The capacity is at least 1.");

    public int Count => _entries.Count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.LastUsed = Interlocked.Increment(ref _clock);
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        _entries[key] = new Entry(value) { LastUsed = Interlocked.Increment(ref _clock) };
        if (_entries.Count > Capacity) Trim();
    }

    private void Trim()
    {
        lock (_trimming)
        {
            var excess = _entries.Count - Capacity;
            if (excess <= 0) return;
            var oldest = _entries.OrderBy(e => e.Value.LastUsed).Take(Math.Max(excess, Capacity / 10)).Select(e => e.Key).ToList();
            foreach (var key in oldest) _entries.TryRemove(key, out _);
        }
    }

    private sealed class Entry(TValue value)
    {
        public TValue Value { get; } = value;

        public long LastUsed;
    }
}
