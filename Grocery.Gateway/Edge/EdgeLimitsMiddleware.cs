using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Grocery.Gateway.Edge;

/// <summary>
/// Refuses what the services should never see: bodies over the route's size (413) and callers over
/// their request budget (429 with Retry-After), both as ProblemDetails. The caller's address is the
/// one ForwardedHeaders settled on, which believes only configured proxies, so a client cannot pick
/// a fresh address with its own X-Forwarded-For. Runs after authentication, so a signed-in caller is
/// also counted by the token's subject wherever they connect from.
/// </summary>
public sealed class EdgeLimitsMiddleware(
    RequestDelegate next, EdgeBudgets budgets, IOptionsMonitor<EdgeOptions> options, IProblemDetailsService problems, IConfiguration configuration)
{
    private readonly int? _managementPort = configuration.GetValue<int?>(Extensions.ManagementPortKey);

    public Task InvokeAsync(HttpContext context)
    {
        // Probes and scrapers on the cluster-only port are not the public's traffic.
        if (_managementPort == context.Connection.LocalPort) return next(context);

        var settings = options.CurrentValue;
        var maxBody = BodyLimitFor(context.Request.Path, settings.BodyLimits);
        if (context.Request.ContentLength > maxBody)
            return WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                $"This endpoint accepts at most {maxBody} bytes.");
        // A body without a length (chunked) is cut off by the server when it grows past the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = maxBody;

        // Browsing budgets are decided in memory, so the charge is almost always complete at once; only
        // then is the rest of the pipeline's task passed straight through, without a state machine here.
        var charge = budgets.ChargeAsync(context, context.Request.Method, context.Request.Path);
        if (!charge.IsCompletedSuccessfully) return ChargedAsync(context, charge);
        return charge.Result is { } wait ? RefuseAsync(context, wait) : next(context);
    }

    private async Task ChargedAsync(HttpContext context, ValueTask<TimeSpan?> charge)
    {
        if (await charge is { } wait) await RefuseAsync(context, wait);
        else await next(context);
    }

    private Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = seconds;
        return WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests; try again later.", $"Retry after {seconds} seconds.");
    }

    public static long BodyLimitFor(PathString path, EdgeBodyLimits limits)
    {
        BodyLimitRoute? best = null;
        foreach (var route in limits.Routes)
            if (path.StartsWithSegments(route.PathPrefix, StringComparison.OrdinalIgnoreCase) && (best is null || route.PathPrefix.Length > best.PathPrefix.Length))
                best = route;
        return best?.MaxBytes ?? limits.DefaultBytes;
    }

    private Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
