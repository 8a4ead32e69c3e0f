using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Grocery.Gateway.Tests;

/// <summary>A real HTTP server on a free loopback port, for the services the gateway talks to in these tests.</summary>
public static class LoopbackApp
{
    public static async Task<(WebApplication App, string Address)> StartAsync(Action<WebApplication, string> configure)
    {
        var port = FreePort.Next();
        var address = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        configure(app, address);
        await app.StartAsync();
        return (app, address);
    }
}
