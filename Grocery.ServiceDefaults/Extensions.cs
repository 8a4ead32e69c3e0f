using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Grocery.ServiceDefaults.OpenApi;
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
        builder.AddKeyPerFileSecrets();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
            // A pooled handler serves every user of a service: a cookie it kept from one response (Ordering's guest
            // basket cookie) would be sent on behalf of the next user, who would then share the first one's basket.
            http.ConfigurePrimaryHttpMessageHandler((handler, _) => DisableCookies(handler));
        });
        builder.AddForwardedHeaders();
        builder.AddDefaultProblemDetails();
        builder.AddDefaultAuthentication();
        // Each service describes its own endpoints; the document is built from its endpoint data source.
        builder.Services.AddOpenApi(options => options.AddGroceryConventions());
        return builder;
    }

    private static void DisableCookies(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets: sockets.UseCookies = false; break;
            case HttpClientHandler client: client.UseCookies = false; break;
        }
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
        management.MapOpenApi().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Where probes and scrapers find a service. A service that faces the internet (the gateway,
    /// Web) names a separate <c>Management:Port</c> that only the cluster reaches: its health,
    /// metrics and API description answer there and are 404 on the public port. The other services
    /// answer them on their one port. The port is the one the process listens on, since a proxy in
    /// front of it (Aspire's, a Kubernetes Service) leaves another port in the Host header.
    /// </summary>
    private static IEndpointRouteBuilder ManagementEndpoints(WebApplication app)
    {
        if (app.Configuration.GetValue<int?>(ManagementPortKey) is not { } port) return app;
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpointMetadata>() is null || context.Connection.LocalPort == port)
                return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        var group = app.MapGroup("");
        group.WithMetadata(new ManagementEndpointMetadata());
        return group;
    }

    private sealed class ManagementEndpointMetadata;

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
