using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Grocery.Gateway.GraphQL;

/// <summary>
/// Apollo's persisted queries: the text registered under its SHA-256 in Redis, shared by every replica.
/// A hash names one text forever, so a replica keeps the texts it has seen and asks Redis only for a
/// hash it has not: a GET by hash costs no round trip once the replica knows it.
/// </summary>
public sealed class PersistedQueries(IConnectionMultiplexer redis, IOptions<StorefrontGraphQLOptions> options)
{
    private const string KeyPrefix = "grocery:graphql:pq:";

    private readonly BoundedCache<string, string> _known = new(options.Value.DocumentCacheSize);

    /// <summary>The registered text, or null when this replica has not seen it and Redis does not hold it (never registered, or lapsed).</summary>
    public async Task<string?> FindAsync(string hash)
    {
        hash = hash.ToLowerInvariant();
        if (_known.TryGet(hash, out var known)) return known;
        string? text = await redis.GetDatabase().StringGetAsync(KeyPrefix + hash);
        if (text is not null) _known.Set(hash, text);
        return text;
    }

    /// <summary>Registers (or renews) a text whose hash the caller has checked.</summary>
    public async Task RegisterAsync(string hash, string text)
    {
        hash = hash.ToLowerInvariant();
        await redis.GetDatabase().StringSetAsync(KeyPrefix + hash, text, options.Value.PersistedQueryLifetime);
        _known.Set(hash, text);
    }
}
