using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Grocery.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grocery.ServiceDefaults;

public static class Extensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.AddForwardedHeaders();
        builder.AddDefaultProblemDetails();
        builder.AddDefaultAuthentication();
        return builder;
    }

    /// <summary>
    /// Maps the endpoints every service exposes: liveness, readiness, Prometheus metrics, and
    /// ProblemDetails bodies for errors and unknown routes.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        var management = ManagementEndpoints(app);
        management.MapHealthEndpoints();
        management.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Where probes and scrapers find a service. A service that faces the internet (the gateway,
    /// Web) names a separate <c>Management:Port</c> that only the cluster reaches, so its health
    /// and metrics are not served to the public; the other services answer them on their one port.
    /// </summary>
    private static IEndpointRouteBuilder ManagementEndpoints(WebApplication app) =>
        app.Configuration.GetValue<int?>(ManagementPortKey) is { } port
            ? app.MapGroup("").RequireHost($"*:{port}")
            : app;

    public const string ManagementPortKey = "Management:Port";

    private static TBuilder AddDefaultProblemDetails<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Binding failures throw in every environment (not only Development), so one handler
        // answers them all with a ProblemDetails that names the parameter.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
                context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            });
        return builder;
    }
}
