using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.ServiceDefaults;

public static class HealthExtensions
{
    /// <summary>Checks tagged "live" decide <c>/alive</c>; every check decides <c>/health</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>Checks tagged (or named) so report Degraded rather than Unhealthy when they fail.</summary>
    public const string NonCriticalTag = "non-critical";

    private static readonly string[] NonCriticalDependencies = ["redis", "kafka"];

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        // Redis and Kafka outages degrade a service (the outbox absorbs a Kafka outage, caches
        // fall back to the database) but must never take a pod out of rotation, whatever status
        // the library that registered the check chose.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(IsNonCritical))
            {
                registration.FailureStatus = HealthStatus.Degraded;
                var inner = registration.Factory;
                registration.Factory = services => new DegradedOnFailureHealthCheck(inner(services));
            }
        });
        return builder;
    }

    private static bool IsNonCritical(HealthCheckRegistration registration) =>
        registration.Tags.Contains(NonCriticalTag)
        || NonCriticalDependencies.Any(d => registration.Name.Contains(d, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Served in every environment. Readiness reports Degraded (still 200) for dependencies whose
    /// outage must not take a pod out of service, such as Redis and Kafka; only the service's own
    /// database makes it unready. Details are written only for authenticated staff.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) })
            .AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}
