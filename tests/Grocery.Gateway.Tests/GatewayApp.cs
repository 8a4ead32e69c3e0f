using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Grocery.Gateway.Tests;

/// <summary>
/// Grocery.Gateway hosted in-process on real Kestrel (so it sees real client addresses and enforces
/// real body limits), routing every service to <see cref="FakeServices"/> and counting in a real Redis.
/// Two instances on one Redis behave as two replicas.
/// </summary>
public sealed class GatewayApp(
    IReadOnlyDictionary<string, string?> settings, string environment = "Production", Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    // WebApplicationFactory finds the host Program builds by listening to every host being built in the
    // process, so two factories starting at once (test classes run in parallel) can each take the other's
    // host; the loser then fails with "Addresses cannot be modified after the server has started".
    private static readonly Lock Starting = new();

    private readonly int _port = FreePort.Next();

    public static GatewayApp Start(
        IReadOnlyDictionary<string, string?> settings, string environment = "Production", Action<IServiceCollection>? services = null)
    {
        var app = new GatewayApp(settings, environment, services);
        app.UseKestrel(app._port);
        lock (Starting) app.StartServer();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>
    /// A client whose connections come from <paramref name="from"/> (any 127.x.y.z address is local
    /// on Linux), so each test has its own client addresses and limits do not leak between tests.
    /// </summary>
    public HttpClient ClientFrom(IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
    }
}
