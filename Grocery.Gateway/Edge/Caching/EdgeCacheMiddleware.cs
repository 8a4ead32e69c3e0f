using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Model;

namespace Grocery.Gateway.Edge.Caching;

/// <summary>
/// Answers anonymous reads of proxied routes from <see cref="EdgeResponseCache"/> while the service's own
/// Cache-Control says the answer is still fresh, as a CDN in front of the storefront API would. Runs after
/// the edge limits, so a flood of cached reads is still refused with 429.
/// </summary>
public sealed class EdgeCacheMiddleware(RequestDelegate next, EdgeResponseCache cache, IOptionsMonitor<EdgeOptions> options)
{
    // Headers that describe this connection or this moment, not the answer, and are never replayed.
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Date", "Server", "Age", "Set-Cookie",
    };

    // What a 304 carries (RFC 9110 §15.4.5): the validator and the caching headers, never the body's length.
    private static readonly HashSet<string> NotModifiedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Cache-Control", "Content-Location", "ETag", "Expires", "Vary", "Last-Modified",
    };

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue.EdgeCache;
        if (!settings.Enabled || context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null
            || !EdgeCachePolicy.IsAnonymousRead(context.Request, settings))
            return next(context);

        var baseKey = EdgeResponseCache.BaseKey(context.Request);
        if (!EdgeCachePolicy.WantsRevalidation(context.Request) && cache.TryGet(baseKey, context.Request.Headers, out var entry, out var age))
            return ServeAsync(context, entry, age);
        // A HEAD answer has no body to keep; the next GET fills the entry.
        return HttpMethods.IsHead(context.Request.Method) ? next(context) : FillAsync(context, baseKey, settings);
    }

    private static Task ServeAsync(HttpContext context, EdgeCacheEntry entry, TimeSpan age)
    {
        var response = context.Response;
        var notModified = EdgeCachePolicy.NotModified(context.Request.Headers.IfNoneMatch, entry.ETag);
        foreach (var (name, values) in entry.Headers)
            if (!notModified || NotModifiedHeaders.Contains(name))
                response.Headers[name] = values;
        response.Headers.Age = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = entry.Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(entry.Body, 0, entry.Body.Length, context.RequestAborted);
    }

    private async Task FillAsync(HttpContext context, string baseKey, EdgeCacheOptions settings)
    {
        var response = context.Response;
        // Headers already set here (CORS's, for this caller's Origin) belong to this answer only.
        var setBefore = response.Headers.Count == 0 ? null : new HashSet<string>(response.Headers.Keys, StringComparer.OrdinalIgnoreCase);
        var original = response.Body;
        var capture = new CapturingStream(original, settings.MaximumBodyKilobytes * 1024,
            () => EdgeCachePolicy.Freshness(response) is not null);
        response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (context.RequestAborted.IsCancellationRequested || capture.Kept is not { } body) return;
        if (EdgeCachePolicy.Freshness(response) is not var (lifetime, initialAge)) return;
        if (response.ContentLength is { } length && length != body.Length) return;
        var headers = response.Headers
            .Where(header => !NotKept.Contains(header.Key) && setBefore?.Contains(header.Key) != true)
            .ToArray();
        cache.Store(baseKey, response.Headers.Vary, context.Request.Headers,
            new EdgeCacheEntry(body, headers, response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null, cache.Now, lifetime, initialAge));
    }

    /// <summary>
    /// Passes the service's body through to the client, keeping a copy while the answer is one the cache may
    /// keep (decided at the first write, when the status and headers are final) and no larger than the limit.
    /// </summary>
    private sealed class CapturingStream(Stream inner, int limit, Func<bool> worthKeeping) : Stream
    {
        private MemoryStream? _copy;
        private bool _decided;
        private bool _abandoned;

        public byte[]? Kept => _abandoned ? null : (_copy?.ToArray() ?? (worthKeeping() ? [] : null));

        private void Keep(ReadOnlySpan<byte> buffer)
        {
            if (_abandoned) return;
            if (!_decided)
            {
                _decided = true;
                if (!worthKeeping())
                {
                    _abandoned = true;
                    return;
                }
                _copy = new MemoryStream();
            }
            if (_copy!.Length + buffer.Length > limit)
            {
                _abandoned = true;
                _copy = null;
                return;
            }
            _copy.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Keep(buffer.AsSpan(offset, count));
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Keep(buffer.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
