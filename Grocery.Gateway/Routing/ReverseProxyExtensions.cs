using Yarp.ReverseProxy.Configuration;

namespace Grocery.Gateway.Routing;

public static class ReverseProxyExtensions
{
    public static IHostApplicationBuilder AddGatewayReverseProxy(this IHostApplicationBuilder builder)
    {
        var routes = GatewayRouteTable.ResourceOwners
            .Select(pair => new RouteConfig
            {
                RouteId = pair.Key,
                ClusterId = pair.Value,
                Match = new RouteMatch { Path = $"/api/v1/{pair.Key}/{{**rest}}" },
            })
            .Append(new RouteConfig
            {
                RouteId = "well-known",
                ClusterId = ResourceNames.Identity,
                Match = new RouteMatch { Path = "/.well-known/{**rest}" },
            })
            .ToList();

        var clusters = GatewayRouteTable.ResourceOwners.Values.Distinct()
            .Select(service => new ClusterConfig
            {
                ClusterId = service,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    // Resolved through Aspire service discovery (http preferred inside the cluster).
                    [service] = new() { Address = $"https+http://{service}" },
                },
            })
            .ToList();

        builder.Services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }
}
