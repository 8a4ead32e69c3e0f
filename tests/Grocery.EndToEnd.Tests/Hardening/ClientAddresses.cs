using System.Net;
using System.Net.Sockets;

namespace Grocery.EndToEnd.Tests.Hardening;

/// <summary>
/// Clients of the public gateway that come from loopback addresses of their own (all of 127.0.0.0/8
/// is the local host on Linux), so the gateway sees each as a different shopper.
/// </summary>
public static class ClientAddresses
{
    private static int _next = 0x7F_00_10_00; // 127.0.16.0: clear of 127.0.0.1, which the other tests share

    /// <summary>A fresh address each call, so no test shares a per-address limit with another.</summary>
    public static IPAddress Next()
    {
        var value = Interlocked.Increment(ref _next);
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
    }

    public static HttpClient GatewayClient(GroceryAppFixture system, IPAddress from)
    {
        var gateway = system.App.GetEndpoint(ResourceNames.Gateway, "http");
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
    }
}
