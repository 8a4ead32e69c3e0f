using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Grocery.Catalog.Caching;

/// <summary>
/// Writes pre-serialized JSON with its ETag and a CDN-friendly Cache-Control, or 304 when the
/// client already holds that ETag.
/// </summary>
public sealed class CachedJsonResult(CachedResponse response, int maxAgeSeconds) : IResult, IEndpointMetadataProvider
{
    private static readonly string[] CacheControlByAge = BuildCacheControl();

    public CachedResponse Response { get; } = response;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var headers = httpContext.Response.Headers;
        headers.ETag = Response.ETag;
        headers.CacheControl = maxAgeSeconds < CacheControlByAge.Length ? CacheControlByAge[maxAgeSeconds] : $"public, max-age={maxAgeSeconds}";
        headers.Vary = "X-Warehouse-Id";
        var ifNoneMatch = httpContext.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && Matches(ifNoneMatch.ToString(), Response.ETag))
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = Response.Body.Length;
        return httpContext.Response.Body.WriteAsync(Response.Body).AsTask();
    }

    private static bool Matches(string ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Trim() == "*") return true;
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries))
        {
            var c = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (c == etag) return true;
        }
        return false;
    }

    private static string[] BuildCacheControl() =>
        [.. Enumerable.Range(0, 301).Select(s => $"public, max-age={s}, stale-while-revalidate={s * 2}")];

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(object), [MediaTypeNames.Json]));

    private static class MediaTypeNames
    {
        public const string Json = "application/json";
    }
}
