using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;

namespace Grocery.Catalog.Caching;

/// <summary>
/// Read-through cache of serialized responses: memory first, then Redis, then PostgreSQL. A hit
/// touches neither PostgreSQL nor the JSON serializer.
/// </summary>
public sealed class CatalogCache
{
    public const string MeterName = "Grocery.Catalog";

    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(2),
    };

    private readonly HybridCache _cache;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _misses;
    private long _lookupCount;
    private long _missCount;

    public CatalogCache(HybridCache cache, IMeterFactory meters)
    {
        _cache = cache;
        var meter = meters.Create(MeterName);
        _lookups = meter.CreateCounter<long>("grocery.catalog.cache.lookups", description: "Cached response lookups");
        _misses = meter.CreateCounter<long>("grocery.catalog.cache.misses", description: "Lookups that had to query PostgreSQL");
    }

    public long Lookups => Interlocked.Read(ref _lookupCount);
    public long Misses => Interlocked.Read(ref _missCount);

    public ValueTask<CachedResponse> GetOrCreateAsync<TState, TValue>(
        string key, string[] tags, TState state, Func<TState, CancellationToken, Task<TValue>> load,
        JsonTypeInfo<TValue> typeInfo, CancellationToken ct)
    {
        Interlocked.Increment(ref _lookupCount);
        _lookups.Add(1);
        return _cache.GetOrCreateAsync(key, (state, load, typeInfo, self: this), static async (s, token) =>
        {
            Interlocked.Increment(ref s.self._missCount);
            s.self._misses.Add(1);
            var value = await s.load(s.state, token);
            return Serialize(value, s.typeInfo);
        }, Entry, tags, ct);
    }

    public static CachedResponse Serialize<TValue>(TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        return new CachedResponse(body, $"\"{Convert.ToHexStringLower(hash[..12])}\"");
    }

    public ValueTask InvalidateAsync(IEnumerable<string> tags, CancellationToken ct) => _cache.RemoveByTagAsync(tags, ct);
}
