namespace Grocery.Gateway.Routing;

public static class GatewayTransport
{
    public const string InlineSchedulingKey = "Gateway:InlineScheduling";

    /// <summary>
    /// Continues each connection's request handling on the thread that completed the socket read, instead
    /// of queueing it once more to Kestrel's I/O queue and from there to another thread. The gateway's
    /// request path only awaits sockets and Redis and never blocks, so that hop buys nothing and costs a
    /// thread wake-up per read and write. Configurable, because a blocking call in any middleware would
    /// then hold up the connections whose reads complete behind it.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTransport(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(InlineSchedulingKey, true))
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        return builder;
    }
}
