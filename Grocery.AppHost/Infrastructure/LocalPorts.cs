using System.Net;
using System.Net.Sockets;

namespace Grocery.AppHost.Infrastructure;

internal static class LocalPorts
{
    /// <summary>
    /// A port free now. Local servers listen on it directly rather than behind Aspire's proxy,
    /// which would add a hop to every query on the hot paths.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
