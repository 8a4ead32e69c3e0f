using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Grocery.Gateway.Edge.Caching;

/// <summary>A kept answer: what the service sent, and when the edge took it.</summary>
public sealed record EdgeCacheEntry(
    byte[] Body, KeyValuePair<string, StringValues>[] Headers, string? ETag, DateTimeOffset StoredAt, TimeSpan Lifetime, TimeSpan InitialAge)
{
    public TimeSpan AgeAt(DateTimeOffset now) => InitialAge + (now - StoredAt);
}

/// <summary>
/// This replica's kept answers, bounded in bytes. An answer is found in two steps, as HTTP caches do:
/// the method, path and query name the request headers the service said it varies on, and those
/// headers' values then name the answer, so each language or warehouse keeps its own.
/// </summary>
public sealed class EdgeResponseCache : IDisposable
{
    /// <summary>The clock freshness is judged by (keyed, so tests can move it without moving the rate limits').</summary>
    public const string ClockKey = "edge-cache";

    // A rough cost of an entry beyond its body, so thousands of tiny answers still count against the limit.
    private const int EntryOverhead = 512;

    private readonly MemoryCache _memory;
    private readonly TimeProvider _time;

    public EdgeResponseCache(IOptions<EdgeOptions> options, [FromKeyedServices(ClockKey)] TimeProvider time)
    {
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = (long)options.Value.EdgeCache.SizeLimitMegabytes * 1024 * 1024 });
        _time = time;
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>GET and HEAD share the GET answer.</summary>
    public static string BaseKey(HttpRequest request) => string.Concat(request.Path.Value, request.QueryString.Value);

    public bool TryGet(string baseKey, IHeaderDictionary requestHeaders, out EdgeCacheEntry entry, out TimeSpan age)
    {
        entry = null!;
        age = default;
        if (!_memory.TryGetValue(baseKey, out string[]? vary) || vary is null) return false;
        var key = FullKey(baseKey, vary, requestHeaders);
        if (!_memory.TryGetValue(key, out EdgeCacheEntry? held) || held is null) return false;
        age = held.AgeAt(Now);
        if (age >= held.Lifetime)
        {
            _memory.Remove(key);
            return false;
        }
        entry = held;
        return true;
    }

    public void Store(string baseKey, StringValues responseVary, IHeaderDictionary requestHeaders, EdgeCacheEntry entry)
    {
        var vary = VaryNames(responseVary);
        var remaining = entry.Lifetime - entry.InitialAge;
        var size = entry.Body.Length + EntryOverhead;
        foreach (var (name, values) in entry.Headers) size += name.Length + values.ToString().Length;
        // The memory cache's own expiry only frees what has gone stale; freshness is judged by the clock above.
        _memory.Set(baseKey, vary, new MemoryCacheEntryOptions { Size = EntryOverhead, AbsoluteExpirationRelativeToNow = remaining });
        _memory.Set(FullKey(baseKey, vary, requestHeaders), entry, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = remaining });
    }

    private static string[] VaryNames(StringValues vary)
    {
        var names = new List<string>();
        foreach (var value in vary)
            foreach (var name in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                names.Add(name.ToLowerInvariant());
        return [.. names.Distinct().Order(StringComparer.Ordinal)];
    }

    private static string FullKey(string baseKey, string[] vary, IHeaderDictionary requestHeaders)
    {
        if (vary.Length == 0) return baseKey + "\n";
        var key = new StringBuilder(baseKey);
        foreach (var name in vary) key.Append('\n').Append(name).Append(':').Append(requestHeaders[name].ToString());
        return key.ToString();
    }

    public void Dispose() => _memory.Dispose();
}
