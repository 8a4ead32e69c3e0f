using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Grocery.Gateway.Edge.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.Gateway.Tests;

public sealed class EdgeCacheTests(EdgeCacheTests.Edge edge) : IClassFixture<EdgeCacheTests.Edge>
{
    [Fact]
    public async Task A_public_listing_is_answered_from_the_cache_the_second_time_with_its_age()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("public");

        var first = await client.GetAsync(url, ct);
        edge.Clock.Advance(TimeSpan.FromSeconds(3));
        var second = await client.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await second.Content.ReadAsStringAsync(ct));
        Assert.Equal(1, edge.Origin.HitsOn(url));
        Assert.Equal(TimeSpan.FromSeconds(3), second.Headers.Age);
        Assert.Equal("\"v1\"", second.Headers.ETag?.Tag);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", second.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_request_with_authorization_or_a_guest_basket_bypasses_the_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("public");
        await client.GetAsync(url, ct);

        using var signedIn = new HttpRequestMessage(HttpMethod.Get, url);
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Bearer", edge.Identity.CreateToken(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(signedIn, ct)).StatusCode);
        using var guest = new HttpRequestMessage(HttpMethod.Get, url);
        guest.Headers.Add("X-Basket-Id", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(guest, ct)).StatusCode);
        using var guestCookie = new HttpRequestMessage(HttpMethod.Get, url);
        guestCookie.Headers.Add("Cookie", $"basket_id={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(guestCookie, ct)).StatusCode);

        Assert.Equal(4, edge.Origin.HitsOn(url));
    }

    [Theory]
    [InlineData("private")]
    [InlineData("no-store")]
    [InlineData("no-cache")]
    [InlineData("set-cookie")]
    [InlineData("vary-all")]
    [InlineData("no-lifetime")]
    public async Task An_answer_the_service_did_not_mark_public_and_fresh_for_everyone_is_never_stored(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique(kind);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, ct)).StatusCode);

        Assert.Equal(2, edge.Origin.HitsOn(url));
    }

    [Fact]
    public async Task Vary_accept_language_keeps_each_language_apart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("language");

        var english = await GetInAsync(client, url, "en", ct);
        var french = await GetInAsync(client, url, "fr", ct);
        var englishAgain = await GetInAsync(client, url, "en", ct);

        Assert.Contains("\"en\"", english);
        Assert.Contains("\"fr\"", french);
        Assert.Equal(english, englishAgain);
        Assert.Equal(2, edge.Origin.HitsOn(url));
    }

    [Fact]
    public async Task An_answer_is_served_until_its_max_age_and_fetched_again_after()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("public");

        await client.GetAsync(url, ct);
        edge.Clock.Advance(TimeSpan.FromSeconds(29));
        var stillFresh = await client.GetAsync(url, ct);
        Assert.Equal(1, edge.Origin.HitsOn(url));
        edge.Clock.Advance(TimeSpan.FromSeconds(1));
        var refetched = await client.GetAsync(url, ct);

        Assert.Equal(TimeSpan.FromSeconds(29), stillFresh.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, refetched.StatusCode);
        Assert.Equal(2, edge.Origin.HitsOn(url));
    }

    [Fact]
    public async Task S_maxage_decides_the_shared_lifetime_before_max_age()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("shared");

        await client.GetAsync(url, ct);
        edge.Clock.Advance(TimeSpan.FromSeconds(10));
        await client.GetAsync(url, ct);
        Assert.Equal(1, edge.Origin.HitsOn(url));
        edge.Clock.Advance(TimeSpan.FromSeconds(50));
        await client.GetAsync(url, ct);

        Assert.Equal(2, edge.Origin.HitsOn(url));
    }

    [Fact]
    public async Task If_none_match_with_the_held_etag_gets_304_from_the_cache()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("public");
        await client.GetAsync(url, ct);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"v1\""));
        var notModified = await client.SendAsync(conditional, ct);
        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"v0\""));
        var changed = await client.SendAsync(stale, ct);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("\"v1\"", notModified.Headers.ETag?.Tag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(1, edge.Origin.HitsOn(url));
    }

    [Fact]
    public async Task A_flood_of_cached_reads_is_still_refused_with_429()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Cached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("public");

        for (var i = 0; i < Edge.PerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url, ct)).StatusCode);
        var refused = await client.GetAsync(url, ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(1, edge.Origin.HitsOn(url));
    }

    [Fact]
    public async Task With_the_edge_cache_turned_off_every_read_reaches_the_service()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = edge.Uncached.ClientFrom(TwoGateways.NextAddress());
        var url = Edge.Unique("public");

        await client.GetAsync(url, ct);
        await client.GetAsync(url, ct);

        Assert.Equal(2, edge.Origin.HitsOn(url));
    }

    private static async Task<string> GetInAsync(HttpClient client, string url, string language, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>A gateway with the edge cache on a clock the tests move, one with it off, and a service whose caching headers each test picks by path.</summary>
    public sealed class Edge : IAsyncLifetime
    {
        public const int PerAddress = 8;

        public FakeTimeProvider Clock { get; } = new();

        public RedisServer Redis { get; private set; } = null!;

        public CachingOrigin Origin { get; private set; } = null!;

        public TestIdentityServer Identity { get; private set; } = null!;

        public GatewayApp Cached { get; private set; } = null!;

        public GatewayApp Uncached { get; private set; } = null!;

        /// <summary>A fresh query for each test, so no test meets another's entry.</summary>
        public static string Unique(string kind) => $"/api/v1/products/{kind}?run={Guid.NewGuid():N}";

        public async ValueTask InitializeAsync()
        {
            Redis = await RedisServer.StartAsync();
            Origin = await CachingOrigin.StartAsync();
            Identity = await TestIdentityServer.StartAsync();
            var settings = new Dictionary<string, string?>(Identity.ServiceConfiguration)
            {
                [$"ConnectionStrings:{ResourceNames.Cache}"] = Redis.ConnectionString,
                ["Gateway:RateLimits:PerAddress:PermitLimit"] = PerAddress.ToString(),
                ["Gateway:RateLimits:PerAddress:Window"] = "01:00:00",
            };
            foreach (var service in ResourceNames.Services.Append(ResourceNames.Identity).Distinct())
                settings[$"Services:{service}:http:0"] = Origin.Address;
            Cached = GatewayApp.Start(settings, services: services => services.AddKeyedSingleton<TimeProvider>(EdgeResponseCache.ClockKey, Clock));
            Uncached = GatewayApp.Start(new Dictionary<string, string?>(settings) { ["Gateway:EdgeCache:Enabled"] = "false" });
        }

        public async ValueTask DisposeAsync()
        {
            await Uncached.DisposeAsync();
            await Cached.DisposeAsync();
            await Identity.DisposeAsync();
            await Origin.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    /// <summary>
    /// Stands in for Catalog: <c>/api/v1/products/{kind}</c> answers with the caching headers named by kind
    /// and a body that counts the hits on that address, which it records.
    /// </summary>
    public sealed class CachingOrigin : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, int> _hits = new();
        private WebApplication _app = null!;

        public string Address { get; private set; } = "";

        public int HitsOn(string pathAndQuery) => _hits.GetValueOrDefault(pathAndQuery);

        public static async Task<CachingOrigin> StartAsync()
        {
            var origin = new CachingOrigin();
            (origin._app, origin.Address) = await LoopbackApp.StartAsync((app, _) => app.Run(origin.AnswerAsync));
            return origin;
        }

        private Task AnswerAsync(HttpContext context)
        {
            var hit = _hits.AddOrUpdate(context.Request.Path.Value + context.Request.QueryString.Value, 1, (_, n) => n + 1);
            var headers = context.Response.Headers;
            headers.ETag = "\"v1\"";
            headers.CacheControl = "public, max-age=30";
            switch (context.Request.Path.Value?.Split('/').Last())
            {
                case "private": headers.CacheControl = "private, max-age=30"; break;
                case "no-store": headers.CacheControl = "public, max-age=30, no-store"; break;
                case "no-cache": headers.CacheControl = "public, max-age=30, no-cache"; break;
                case "no-lifetime": headers.CacheControl = "public"; break;
                case "set-cookie": headers.SetCookie = "session=abc; Path=/"; break;
                case "vary-all": headers.Vary = "*"; break;
                case "shared": headers.CacheControl = "public, max-age=5, s-maxage=60"; break;
                case "language": headers.Vary = "Accept-Language"; break;
            }
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync($$"""{"hit":{{hit}},"language":"{{context.Request.Headers.AcceptLanguage}}"}""", context.RequestAborted);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
