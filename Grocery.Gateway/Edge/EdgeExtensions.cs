using Grocery.Gateway.Edge.Caching;
using Grocery.ServiceDefaults.Throttling;
using Microsoft.Extensions.Options;

namespace Grocery.Gateway.Edge;

public static class EdgeExtensions
{
    private const string CorsPolicy = "storefront";

    public static IHostApplicationBuilder AddGatewayEdge(this IHostApplicationBuilder builder)
    {
        // Counters shared by every gateway replica (and by Identity, under its own buckets).
        builder.AddRedisClient(ResourceNames.Cache);
        builder.Services.AddSingleton<RequestThrottle>();
        builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.SectionName);
        var syncInterval = builder.Configuration.GetSection(EdgeOptions.SectionName).Get<EdgeOptions>()?.RateLimits.SyncInterval
            ?? new EdgeRateLimits().SyncInterval;
        builder.Services.AddBatchedRequestThrottle(syncInterval);
        builder.Services.AddSingleton<EdgeBudgets>();
        builder.Services.AddKeyedSingleton(EdgeResponseCache.ClockKey, TimeProvider.System);
        builder.Services.AddSingleton<EdgeResponseCache>();
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<EdgeOptions>>((cors, edge) => cors.AddPolicy(CorsPolicy, policy =>
            {
                if (edge.Value.CorsOrigins.Length == 0) return;
                policy.WithOrigins(edge.Value.CorsOrigins)
                    .AllowAnyMethod()
                    .WithHeaders("Authorization", "Content-Type", "Accept", "Idempotency-Key")
                    .WithExposedHeaders("Retry-After", "Location", "ETag")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));
        return builder;
    }

    /// <summary>Headers and CORS first, so refusals carry them too.</summary>
    public static WebApplication UseGatewayEdgeHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCors(CorsPolicy);
        return app;
    }

    /// <summary>After authentication, so limits can count signed-in callers by subject.</summary>
    public static WebApplication UseGatewayEdgeLimits(this WebApplication app)
    {
        app.UseMiddleware<EdgeLimitsMiddleware>();
        // Behind the limits, so answering from the cache still spends the caller's budget.
        app.UseMiddleware<EdgeCacheMiddleware>();
        return app;
    }
}
