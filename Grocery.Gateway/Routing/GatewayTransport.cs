namespace Grocery.Gateway.Routing;

public static class GatewayTransport
{
    public const string InlineSchedulingKey = "Gateway:InlineScheduling";

    /// <summary>
    /// Runs each connection's request handling on the socket's own I/O thread instead of queueing it to the
    /// thread pool. The gateway's request path only awaits sockets and Redis and never blocks, so the hop
    /// buys nothing and costs a thread wake-up per read and write. Configurable, since a blocking call in
    /// any middleware would stall every connection on that I/O thread.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTransport(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(InlineSchedulingKey, true))
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        return builder;
    }
}
