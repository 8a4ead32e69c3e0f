using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Grocery.ServiceDefaults.Throttling;

/// <summary>
/// Fixed-window counters in Redis, so every replica counts the same attempts. Subjects (addresses,
/// e-mails) are hashed before they become keys. When Redis is unreachable the limit is skipped
/// rather than locking everyone out (Identity's lockout in PostgreSQL still protects accounts).
/// Identity counts sign-in attempts with it and the gateway counts requests per address and user;
/// each names its own buckets.
/// </summary>
public sealed class RequestThrottle(IConnectionMultiplexer redis, ILogger<RequestThrottle> logger)
{
    private const string KeyPrefix = "grocery:rate:";

    // INCR and the first PEXPIRE in one step, so a window can never lose its expiry.
    private static readonly LuaScript Hit = LuaScript.Prepare("""
        local count = redis.call('INCR', @key)
        local ttl = redis.call('PTTL', @key)
        if ttl < 0 then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        return { count, ttl }
        """);

    internal static string KeyFor(string bucket, string subject) =>
        KeyPrefix + bucket + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];

    /// <summary>Counts one attempt; returns how long to wait when the limit is exceeded, otherwise null.</summary>
    public async Task<TimeSpan?> HitAsync(string bucket, string subject, RateLimitRule rule)
    {
        var key = KeyFor(bucket, subject);
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Hit,
                new { key = (RedisKey)key, window = (long)rule.Window.TotalMilliseconds }))!;
            var count = (long)result[0];
            var ttl = (long)result[1];
            return count > rule.PermitLimit ? TimeSpan.FromMilliseconds(Math.Max(ttl, 1000)) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate limit {Bucket} skipped: Redis unavailable", bucket);
            return null;
        }
    }
}

/// <summary>At most <see cref="PermitLimit"/> hits per fixed <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
