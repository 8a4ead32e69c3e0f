using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using StackExchange.Redis;

namespace Grocery.Web.Shopping;

/// <summary>
/// Anonymous catalog pages (home, category, product) served from Redis for a short while, so a crowd of
/// shoppers browsing the same aisles costs Catalog one render per page, language and delivery area. Signed-in shoppers
/// and guests with a basket see their own header (name, basket count), so they are never cached. Search results are
/// not: queries are a long tail that a cache rarely serves twice, and a guest's first add from a cached result page
/// was once refused in a full test run (most likely stock that changed while the page was cached).
/// </summary>
public static class CatalogOutputCache
{
    public const string PolicyName = "catalog-pages";

    /// <summary>
    /// Short: prices and stock move, and a cached page carries the descriptors its interactive islands start from,
    /// which Blazor accepts only for a few minutes.
    /// </summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private static readonly object CacheableRequest = new();
    private static readonly object IncompletePage = new();

    /// <summary>
    /// Keeps this response out of the cache: a page rendered while the catalog was unreachable would otherwise show
    /// its notice to every anonymous shopper for the whole cache duration after the catalog is back.
    /// </summary>
    public static void DoNotStore(HttpContext? context)
    {
        if (context is not null) context.Items[IncompletePage] = true;
    }

    public static IHostApplicationBuilder AddCatalogOutputCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutputCache(o => o.AddPolicy(PolicyName, new CatalogPagePolicy()));
        builder.Services.AddStackExchangeRedisOutputCache(_ => { });
        builder.Services.AddOptions<Microsoft.AspNetCore.OutputCaching.StackExchangeRedis.RedisOutputCacheOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.InstanceName = "grocery:web:pages:";
            o.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });

        // A page rendered for the cache must not carry one shopper's antiforgery cookie (or its no-store headers) to the
        // next: its tokens are made but not stored, and the forms such a page holds accept a same-origin post instead.
        var antiforgery = builder.Services.Last(d => d.ServiceType == typeof(IAntiforgery));
        builder.Services.Remove(antiforgery);
        builder.Services.AddSingleton<IAntiforgery>(sp => new CacheableAntiforgery(antiforgery.ImplementationInstance as IAntiforgery
            ?? antiforgery.ImplementationFactory?.Invoke(sp) as IAntiforgery
            ?? (IAntiforgery)ActivatorUtilities.CreateInstance(sp, antiforgery.ImplementationType!)));
        return builder;
    }

    /// <summary>For the form posts that cached pages hold: a same-origin post is accepted without a token (OWASP's origin check).</summary>
    public static RouteHandlerBuilder AcceptFromCachedPages(this RouteHandlerBuilder endpoint) =>
        endpoint.DisableAntiforgery().AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (IsSameOrigin(context.Request) || await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
                return await next(invocation);
            return TypedResults.BadRequest();
        });

    /// <summary>Browsers set these on every post and a page on another site cannot forge them.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site) return site == "same-origin";
        return Uri.TryCreate(request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
            && string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>No session, no guest basket, no bearer token: the page is the same for every such shopper.</summary>
    public static bool IsAnonymous(HttpRequest request) =>
        !request.Headers.ContainsKey(HeaderNames.Authorization)
        && !request.Cookies.ContainsKey(ShopperTokens.GuestBasketCookie)
        && !request.Cookies.Keys.Any(k => k.StartsWith(SessionCookie, StringComparison.Ordinal));

    private const string SessionCookie = "grocery.session"; // chunked as grocery.sessionC1, … when large

    private sealed class CatalogPagePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && IsAnonymous(request);
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            if (!cacheable) return ValueTask.CompletedTask;
            context.ResponseExpirationTimeSpan = Duration;
            context.CacheVaryByRules.QueryKeys = "*";
            // Enhanced navigation may be answered differently from a full page load.
            context.CacheVaryByRules.HeaderNames = "blazor-enhanced-nav";
            // The language as resolved (a made-up cookie value cannot add entries) and the area as parsed.
            var culture = context.HttpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture.Name ?? "";
            context.CacheVaryByRules.VaryByValues["culture"] = culture;
            context.CacheVaryByRules.VaryByValues["area"] = DeliveryArea.Of(context.HttpContext)?.ToCookie() ?? "";
            context.HttpContext.Items[CacheableRequest] = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // Not-found and error pages, and anything that sets a cookie, are the one shopper's; an incomplete page is nobody's.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie)
                || context.HttpContext.Items.ContainsKey(IncompletePage)) context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class CacheableAntiforgery(IAntiforgery inner) : IAntiforgery
    {
        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
            httpContext.Items.ContainsKey(CacheableRequest) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

        public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

        public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
    }
}
