using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Grocery.Gateway.Routing;

public static class ReverseProxyExtensions
{
    /// <summary>Where each service serves its own ops endpoints (Grocery.Messaging's dead-letter API).</summary>
    private const string ServiceOpsPath = "/api/v1/ops/messaging";

    public static IHostApplicationBuilder AddGatewayReverseProxy(this IHostApplicationBuilder builder)
    {
        var routes = GatewayRouteTable.ResourceOwners
            .Select(pair => new RouteConfig
            {
                RouteId = pair.Key,
                ClusterId = pair.Value,
                Match = new RouteMatch { Path = $"/api/v1/{pair.Key}/{{**rest}}" },
            })
            .Concat(GatewayRouteTable.NestedOwners.Select(pair => new RouteConfig
            {
                RouteId = pair.Key.Replace('/', '-'),
                ClusterId = pair.Value,
                Match = new RouteMatch { Path = $"/api/v1/{pair.Key}/{{**rest}}" },
            }))
            .Append(new RouteConfig
            {
                RouteId = "well-known",
                ClusterId = ResourceNames.Identity,
                Match = new RouteMatch { Path = "/.well-known/{**rest}" },
            })
            .Concat(ResourceNames.Services.Select(OpsRoute))
            .ToList();

        var clusters = GatewayRouteTable.ResourceOwners.Values.Concat(GatewayRouteTable.NestedOwners.Values).Concat(ResourceNames.Services).Distinct()
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

    /// <summary>
    /// Ops reach a service's own ops endpoints only through this deliberate route, as an admin:
    /// <c>/api/v1/ops/{service}/...</c> becomes that service's <c>/api/v1/ops/messaging/...</c>.
    /// The service checks the admin role again.
    /// </summary>
    private static RouteConfig OpsRoute(string service) =>
        new RouteConfig
        {
            RouteId = $"ops-{service}",
            ClusterId = service,
            AuthorizationPolicy = GroceryPolicies.Admin,
            Match = new RouteMatch { Path = $"/api/v1/ops/{service}/{{**rest}}" },
        }
        .WithTransformPathRouteValues($"{ServiceOpsPath}/{{**rest}}");
}
