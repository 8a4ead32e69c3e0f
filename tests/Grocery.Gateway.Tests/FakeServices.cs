using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Grocery.Gateway.Tests;

/// <summary>
/// Stands in for every service behind the gateway: a real HTTP server on a loopback port that
/// answers any path with a small JSON body and records what reached it.
/// </summary>
public sealed class FakeServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeServices(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public const string Body = """{"items":[]}""";

    public string Address { get; }

    /// <summary>Paths that reached a service, with the number of body bytes it read.</summary>
    public ConcurrentQueue<(string Path, long BodyBytes)> Received { get; } = new();

    public static async Task<FakeServices> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var services = new FakeServices(app, $"http://127.0.0.1:{port}");
        app.Run(async context =>
        {
            var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            services.Received.Enqueue((context.Request.Path.Value ?? "", buffer.Length));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Body, context.RequestAborted);
        });
        await app.StartAsync();
        return services;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
