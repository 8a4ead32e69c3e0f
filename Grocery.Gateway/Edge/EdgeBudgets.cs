using System.Globalization;
using Grocery.ServiceDefaults.Throttling;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Grocery.Gateway.Edge;

/// <summary>Charges a request to its counters (<see cref="EdgeLimitPolicy"/>); the REST middleware and the GraphQL checkout share it.</summary>
public sealed class EdgeBudgets(RequestThrottle throttle, BatchedRequestThrottle batched, IOptionsMonitor<EdgeOptions> options)
{
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>How long the caller must wait, or null when every counter still has room (or limits are off).</summary>
    public async ValueTask<TimeSpan?> ChargeAsync(HttpContext context, string method, PathString path)
    {
        var limits = options.CurrentValue.RateLimits;
        if (!limits.Enabled) return null;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = context.User.GetUserId();
        var charged = EdgeLimitPolicy.For(method, path, limits);
        for (var i = 0; i < charged.Count; i++)
        {
            var limit = charged[i];
            var subject = limit.PerUser ? user : address;
            if (subject is null) continue;
            var refusal = limit.Batched ? await batched.HitAsync(limit.Bucket, subject, limit.Rule) : await throttle.HitAsync(limit.Bucket, subject, limit.Rule);
            if (refusal is not null) return refusal;
        }
        return null;
    }

    /// <summary>
    /// A GraphQL checkout spends the same budgets as <c>POST /api/v1/orders</c>, so /graphql is no way
    /// around the stricter checkout limit. The refusal is a GraphQL error with Retry-After on the answer.
    /// </summary>
    public async Task ChargeCheckoutAsync(IResolveFieldContext field)
    {
        var context = field.RequestServices!.GetRequiredService<IHttpContextAccessor>().HttpContext!;
        if (await ChargeAsync(context, HttpMethods.Post, "/api/v1/orders") is not { } wait) return;
        var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = seconds;
        throw new ExecutionError($"Too many checkouts; try again in {seconds} seconds.")
        {
            Code = RateLimited,
            Extensions = new Dictionary<string, object?> { ["retryAfter"] = (int)Math.Ceiling(wait.TotalSeconds) },
        };
    }
}
