namespace Grocery.Gateway.Edge;

/// <summary>
/// Headers every answer from the public edge carries, whatever the service behind it sent: the API
/// serves JSON, never pages, so browsers may not sniff it into HTML, frame it, or run anything from it.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IHostEnvironment environment)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // The API reference page (Development only) is the one HTML page; it sets no strict policy.
        var isReferencePage = environment.IsDevelopment() && context.Request.Path.StartsWithSegments("/scalar");
        // Static callbacks with the context as state: no closure to allocate on every request.
        context.Response.OnStarting(isReferencePage ? SetPageHeaders : SetApiHeaders, context);
        return next(context);
    }

    private static readonly Func<object, Task> SetApiHeaders = state => SetHeaders((HttpContext)state, ApiPolicy);

    private static readonly Func<object, Task> SetPageHeaders = state => SetHeaders((HttpContext)state, contentSecurityPolicy: null);

    private static Task SetHeaders(HttpContext context, string? contentSecurityPolicy)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (contentSecurityPolicy is not null) headers.ContentSecurityPolicy = contentSecurityPolicy;
        return Task.CompletedTask;
    }
}
