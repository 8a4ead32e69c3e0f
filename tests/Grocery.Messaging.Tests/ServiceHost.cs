using Grocery.Messaging.DeadLetters;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grocery.Messaging.Tests;

/// <summary>A minimal web service on 127.0.0.1 with the event bus and the dead-letter API.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServiceHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public HandlerFaults Faults => _app.Services.GetRequiredService<HandlerFaults>();

    public static async Task<ServiceHost> StartAsync(TestBusSettings settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddTestBus(settings);
        builder.Services.AddAuthentication(AdminAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy("admin", p => p.RequireRole("admin"));
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDeadLetterApi();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Test admin");
        return new ServiceHost(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
