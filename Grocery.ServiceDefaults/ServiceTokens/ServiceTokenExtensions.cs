using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Grocery.ServiceDefaults.ServiceTokens;

public static class ServiceTokenExtensions
{
    /// <summary>Registers the token source bound to the "ServiceAuth" section.</summary>
    public static IHostApplicationBuilder AddServiceTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ServiceTokenOptions>(builder.Configuration.GetSection(ServiceTokenOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ServiceTokenSource>();
        builder.Services.TryAddTransient<ServiceTokenHandler>();
        builder.Services.AddHttpClient(ServiceTokenSource.HttpClientName);
        return builder;
    }

    /// <summary>Sends this client's calls with the service's own token (call <see cref="AddServiceTokens"/> once).</summary>
    public static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder client) =>
        client.AddHttpMessageHandler<ServiceTokenHandler>();
}
