using System.Net.Http.Headers;
using Grocery.Gateway.GraphQL;

namespace Grocery.Gateway.Tests;

public sealed class CategoryTreeCacheTests
{
    private static readonly CategoryTree Tree = CategoryTree.Of(
    [
        new CatalogCategory(1, "Dairy", "dairy", 3, [new CatalogCategory(11, "Milk", "milk", 2, [new CatalogCategory(111, "Oat milk", "oat-milk", 1, [])])]),
        new CatalogCategory(2, "Bakery", "bakery", 1, []),
    ]);

    [Fact]
    public void A_tree_names_every_category_at_any_depth_by_id()
    {
        Assert.Equal([1, 2, 11, 111], Tree.ById.Keys.Order());
        Assert.Equal("Oat milk", Tree.ById[111].Name);
    }

    [Fact]
    public void A_tree_is_kept_for_the_max_age_catalog_gave_and_not_a_moment_longer()
    {
        var clock = new ManualClock();
        var cache = new CategoryTreeCache(clock);

        cache.Keep(Tree, CacheControlHeaderValue.Parse("public, max-age=60, stale-while-revalidate=120"));
        clock.Advance(TimeSpan.FromSeconds(59));
        var freshBefore = cache.TryGetFresh(out var kept);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.True(freshBefore);
        Assert.Same(Tree, kept);
        Assert.False(cache.TryGetFresh(out _));
    }

    [Fact]
    public void A_shared_max_age_outranks_max_age_since_the_gateway_is_a_shared_cache()
    {
        var clock = new ManualClock();
        var cache = new CategoryTreeCache(clock);

        cache.Keep(Tree, CacheControlHeaderValue.Parse("public, max-age=60, s-maxage=5"));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(cache.TryGetFresh(out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("public")]
    [InlineData("max-age=0")]
    [InlineData("no-store, max-age=60")]
    [InlineData("no-cache, max-age=60")]
    [InlineData("private, max-age=60")]
    public void A_tree_catalog_does_not_let_a_shared_cache_keep_is_not_kept(string? cacheControl)
    {
        var cache = new CategoryTreeCache(new ManualClock());

        cache.Keep(Tree, cacheControl is null ? null : CacheControlHeaderValue.Parse(cacheControl));

        Assert.False(cache.TryGetFresh(out _));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
