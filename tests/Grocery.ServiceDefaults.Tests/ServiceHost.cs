using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Grocery.ServiceDefaults.Tests;

/// <summary>A minimal service built the way every Grocery service is, on an in-memory test server.</summary>
internal sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app) => _app = app;

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public static async Task<ServiceHost> StartAsync(
        TestIdentityServer identity,
        Action<IHealthChecksBuilder>? healthChecks = null,
        string environment = "Production",
        Action<WebApplication>? endpoints = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(identity.ServiceConfiguration);
        builder.AddServiceDefaults();
        healthChecks?.Invoke(builder.Services.AddHealthChecks());

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/api/v1/mine", () => "ok").RequireAuthorization(GroceryPolicies.Customer);
        app.MapGet("/api/v1/picking", () => "ok").RequireAuthorization(GroceryPolicies.Picker);
        app.MapGet("/api/v1/manage", () => "ok").RequireAuthorization(GroceryPolicies.StoreManager);
        app.MapGet("/api/v1/admin", () => "ok").RequireAuthorization(GroceryPolicies.Admin);
        endpoints?.Invoke(app);
        await app.StartAsync();
        return new ServiceHost(app) { Client = app.GetTestClient() };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
