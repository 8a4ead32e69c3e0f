using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Grocery.ServiceDefaults.Throttling;

/// <summary>
/// The same fixed-window counters in Redis as <see cref="RequestThrottle"/>, for budgets hit on every
/// request (browsing): a hit is decided in memory from the last total Redis reported plus this replica's
/// hits since, and <see cref="SyncAsync"/> adds those hits to Redis in one pipelined round trip per
/// interval. Only a subject's first request on a replica waits for Redis (to learn what other replicas
/// counted); the price is that replicas learn each other's later hits up to one sync interval late, so
/// a flood spread over R replicas can pass the limit by at most what R − 1 replicas admit in one interval.
/// Strict budgets (sign-in, checkout) stay on <see cref="RequestThrottle"/>.
/// </summary>
public sealed class BatchedRequestThrottle(IConnectionMultiplexer redis, TimeProvider time, ILogger<BatchedRequestThrottle> logger)
{
    // INCRBY and the first PEXPIRE in one step, as RequestThrottle does; a zero delta only reads the window.
    private static readonly LuaScript Add = LuaScript.Prepare("""
        local count
        if tonumber(@delta) > 0 then
          count = redis.call('INCRBY', @key, @delta)
        else
          count = tonumber(redis.call('GET', @key) or '0')
        end
        local ttl = redis.call('PTTL', @key)
        if ttl == -1 then
          redis.call('PEXPIRE', @key, @window)
          ttl = tonumber(@window)
        end
        return { count, ttl }
        """);

    private readonly ConcurrentDictionary<(string Bucket, string Subject), WindowCounter> _counters = new();

    /// <summary>Counts one attempt; returns how long to wait when the limit is exceeded, otherwise null.</summary>
    public async ValueTask<TimeSpan?> HitAsync(string bucket, string subject, RateLimitRule rule)
    {
        var now = time.GetUtcNow();
        var counter = _counters.GetOrAdd((bucket, subject), static (key, state) =>
            new WindowCounter(RequestThrottle.KeyFor(key.Bucket, key.Subject), state.Rule.Window, state.Now), (Rule: rule, Now: now));
        var (total, windowEnd) = counter.Add(now);
        var seeding = counter.Seed(SyncOneAsync);
        if (!seeding.IsCompletedSuccessfully)
        {
            await seeding;
            (total, windowEnd) = counter.Current();
        }
        if (total <= rule.PermitLimit) return null;
        var wait = windowEnd - now;
        return wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
    }

    /// <summary>Sends every replica-local hit to Redis and reads back the shared totals; called every sync interval.</summary>
    public async Task SyncAsync()
    {
        var now = time.GetUtcNow();
        var exchanges = new List<Task>(_counters.Count);
        foreach (var (key, counter) in _counters)
        {
            if (counter.IsIdle(now))
            {
                _counters.TryRemove(new KeyValuePair<(string, string), WindowCounter>(key, counter));
                continue;
            }
            // Started together, the exchanges share the multiplexer's pipeline: one round trip for all.
            exchanges.Add(SyncOneAsync(counter));
        }
        await Task.WhenAll(exchanges);
    }

    private async Task SyncOneAsync(WindowCounter counter)
    {
        var delta = counter.TakeUnsent();
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Add,
                new { key = (RedisKey)counter.RedisKey, delta, window = (long)counter.Window.TotalMilliseconds }))!;
            counter.Observe((long)result[0], time.GetUtcNow() + TimeSpan.FromMilliseconds((long)result[1]));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Sharing must never fail a request (Redis down, or the multiplexer closing at shutdown): the hits
            // stay counted here and go with the next sync, and meanwhile each replica limits on its own.
            counter.Restore(delta);
            logger.LogDebug(ex, "Rate limit counts not shared: Redis unavailable");
        }
    }

    /// <summary>One subject's window as this replica sees it: the shared total last read plus hits not yet sent.</summary>
    private sealed class WindowCounter(string redisKey, TimeSpan window, DateTimeOffset now)
    {
        private readonly Lock _gate = new();
        private long _shared;
        private long _unsent;
        private DateTimeOffset _windowEnd = now + window;
        private DateTimeOffset _lastHit = now;
        private Task? _seeding;

        public string RedisKey { get; } = redisKey;

        public TimeSpan Window { get; } = window;

        public (long Total, DateTimeOffset WindowEnd) Add(DateTimeOffset at)
        {
            lock (_gate)
            {
                if (at >= _windowEnd)
                {
                    // The window lapsed: what was counted in it no longer counts.
                    _shared = 0;
                    _windowEnd = at + Window;
                }
                _unsent++;
                _lastHit = at;
                return (_shared + _unsent, _windowEnd);
            }
        }

        /// <summary>The first exchange with Redis, started by the first hit; later hits find it done.</summary>
        public Task Seed(Func<WindowCounter, Task> exchange)
        {
            if (Volatile.Read(ref _seeding) is { } started) return started;
            lock (_gate) _seeding ??= exchange(this);
            return _seeding;
        }

        public (long Total, DateTimeOffset WindowEnd) Current()
        {
            lock (_gate) return (_shared + _unsent, _windowEnd);
        }

        public long TakeUnsent()
        {
            lock (_gate)
            {
                var delta = _unsent;
                _unsent = 0;
                // Until Redis answers, the sent hits still count here.
                _shared += delta;
                return delta;
            }
        }

        public void Observe(long sharedTotal, DateTimeOffset windowEnd)
        {
            lock (_gate)
            {
                _shared = sharedTotal;
                _windowEnd = windowEnd;
            }
        }

        public void Restore(long delta)
        {
            lock (_gate)
            {
                _shared -= delta;
                _unsent += delta;
            }
        }

        /// <summary>No hit for a whole window and nothing left to send: the counter can go.</summary>
        public bool IsIdle(DateTimeOffset at)
        {
            lock (_gate) return _unsent == 0 && at - _lastHit > Window && at >= _windowEnd;
        }
    }
}
