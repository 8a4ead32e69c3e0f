using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Grocery.Catalog.Caching;

/// <summary>Redis is only the second cache level: without it the catalog is slower, not unready, so it reports Degraded.</summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.#} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis (second-level cache) is unreachable; serving from memory and PostgreSQL.", ex);
        }
    }
}
