using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Grocery.Delivery.Carriers;

internal static class CarrierRegistration
{
    /// <summary>
    /// Registers an HTTP carrier adapter as a typed client. The service defaults' standard handler is
    /// replaced by a pipeline tuned per carrier ("Carriers:{name}:Resilience"): 5xx, 408, 429 and
    /// timeouts are retried with backoff, other 4xx answers are not.
    /// </summary>
    public static IHttpClientBuilder AddHttpCarrier<TCarrier, TOptions>(this IHostApplicationBuilder builder, string name)
        where TCarrier : class, ICarrier
        where TOptions : class, ICarrierEndpointOptions
    {
        var section = builder.Configuration.GetSection($"Carriers:{name}");
        builder.Services.Configure<TOptions>(section);
        builder.Services.AddTransient<ICarrier>(sp => sp.GetRequiredService<TCarrier>());
        var resilience = section.GetSection("Resilience").Get<CarrierResilienceOptions>() ?? new CarrierResilienceOptions();
        var http = builder.Services.AddHttpClient<TCarrier>((sp, client) =>
        {
            var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
            if (!string.IsNullOrEmpty(options.BaseAddress)) client.BaseAddress = new Uri(options.BaseAddress);
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; it is how one client opts out of the defaults.
        http.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        http.AddResilienceHandler($"carrier-{name}", pipeline =>
        {
            // Carrier timeouts and back-off are wall-clock facts, independent of the domain clock (which tests fake).
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(resilience.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = resilience.MaxRetryAttempts,
                Delay = resilience.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
            pipeline.AddTimeout(resilience.AttemptTimeout);
        });
        return http;
    }
}
