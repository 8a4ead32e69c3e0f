using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Grocery.ServiceDefaults;

public static class OpenTelemetryExtensions
{
    /// <summary>The ActivitySource and Meter name prefix every Grocery library and service uses.</summary>
    public const string GrocerySources = "Grocery.*";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(GrocerySources)
                .AddPrometheusExporter());

        // Traces go only where an OTLP endpoint takes them (Aspire's dashboard in development, the collector
        // in a cluster). Without one, a tracer would still record a span with its tags for every request and
        // every call it makes, only to drop them. The sampler follows the OTEL_TRACES_SAMPLER variables.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddSource(GrocerySources)
                    .AddSource("Npgsql")
                    .AddAspNetCoreInstrumentation(o =>
                        o.Filter = context => !IsInfrastructurePath(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
