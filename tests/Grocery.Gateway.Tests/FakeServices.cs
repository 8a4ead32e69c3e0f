using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Grocery.Gateway.Tests;

/// <summary>
/// Stands in for every service behind the gateway: a real HTTP server on a loopback port that
/// answers any path with a small JSON body and records what reached it.
/// </summary>
public sealed class FakeServices : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeServices(WebApplication app, string address, ConcurrentQueue<(string Path, long BodyBytes)> received)
    {
        _app = app;
        Address = address;
        Received = received;
    }

    public const string Body = """{"items":[]}""";

    public string Address { get; }

    /// <summary>Paths that reached a service, with the number of body bytes it read.</summary>
    public ConcurrentQueue<(string Path, long BodyBytes)> Received { get; }

    public static async Task<FakeServices> StartAsync()
    {
        FakeServices? services = null;
        var (app, address) = await LoopbackApp.StartAsync((app, address) =>
        {
            var received = new ConcurrentQueue<(string Path, long BodyBytes)>();
            services = new FakeServices(app, address, received);
            app.Run(async context =>
            {
                var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                received.Enqueue((context.Request.Path.Value ?? "", buffer.Length));
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Body, context.RequestAborted);
            });
        });
        return services!;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
