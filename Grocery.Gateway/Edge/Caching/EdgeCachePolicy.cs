using System.Globalization;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Grocery.Gateway.Edge.Caching;

/// <summary>
/// The subset of RFC 9111's shared-cache rules the edge follows: only anonymous reads are answered from
/// the cache, and only what the service itself marks public with a lifetime is kept.
/// </summary>
public static class EdgeCachePolicy
{
    /// <summary>A read nobody could be answered differently for: no credentials, no guest basket.</summary>
    public static bool IsAnonymousRead(HttpRequest request, EdgeCacheOptions options)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var headers = request.Headers;
        if (headers.Authorization.Count > 0 || headers.ContainsKey("X-Basket-Id")) return false;
        if (headers.Cookie.Count > 0)
            foreach (var name in options.PersonalCookies)
                if (request.Cookies.ContainsKey(name)) return false;
        return true;
    }

    /// <summary>The client asked for a fresh answer (Cache-Control: no-cache, or HTTP/1.0's Pragma).</summary>
    public static bool WantsRevalidation(HttpRequest request) =>
        Contains(request.Headers.CacheControl, "no-cache") || Contains(request.Headers.Pragma, "no-cache");

    /// <summary>
    /// How long a shared cache may serve this answer (s-maxage before max-age), less the age it already had;
    /// null when it may not be kept at all.
    /// </summary>
    public static (TimeSpan Lifetime, TimeSpan InitialAge)? Freshness(HttpResponse response)
    {
        if (response.StatusCode != StatusCodes.Status200OK) return null;
        var headers = response.Headers;
        if (headers.SetCookie.Count > 0 || Contains(headers.Vary, "*")) return null;
        if (!CacheControlHeaderValue.TryParse(headers.CacheControl.ToString(), out var cacheControl)) return null;
        if (!cacheControl.Public || cacheControl.Private || cacheControl.NoStore || cacheControl.NoCache) return null;
        if ((cacheControl.SharedMaxAge ?? cacheControl.MaxAge) is not { } lifetime || lifetime <= TimeSpan.Zero) return null;
        var initialAge = long.TryParse(headers.Age.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
        return initialAge < lifetime ? (lifetime, initialAge) : null;
    }

    /// <summary>Whether the held ETag satisfies If-None-Match (weak comparison, as RFC 9110 asks for GET).</summary>
    public static bool NotModified(StringValues ifNoneMatch, string? etag)
    {
        if (ifNoneMatch.Count == 0 || etag is null) return false;
        var held = Opaque(etag);
        foreach (var value in ifNoneMatch)
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (candidate == "*" || Opaque(candidate).SequenceEqual(held)) return true;
        return false;
    }

    private static ReadOnlySpan<char> Opaque(string etag) => etag.StartsWith("W/", StringComparison.Ordinal) ? etag.AsSpan(2) : etag;

    private static bool Contains(StringValues values, string token)
    {
        foreach (var value in values)
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.TrimEntries))
                if (part.Equals(token, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
