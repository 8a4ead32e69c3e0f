using Grocery.Gateway.GraphQL;

namespace Grocery.Gateway.Tests;

public sealed class BoundedCacheTests
{
    [Fact]
    public void A_bounded_cache_never_holds_more_than_its_capacity()
    {
        var cache = new BoundedCache<int, string>(50);

        for (var i = 0; i < 1000; i++)
        {
            cache.Set(i, i.ToString());
            Assert.InRange(cache.Count, 1, 50);
        }
        Assert.True(cache.TryGet(999, out var newest));
        Assert.Equal("999", newest);
    }

    [Fact]
    public void Past_its_capacity_the_entries_used_least_recently_go_first()
    {
        var cache = new BoundedCache<string, int>(10);
        for (var i = 0; i < 10; i++) cache.Set($"q{i}", i);
        Assert.True(cache.TryGet("q0", out _));

        cache.Set("q10", 10);

        Assert.True(cache.TryGet("q0", out _));
        Assert.False(cache.TryGet("q1", out _));
        Assert.True(cache.TryGet("q10", out _));
        Assert.Equal(10, cache.Count);
    }
}
