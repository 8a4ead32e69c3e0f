using Grocery.ServiceDefaults;

namespace Grocery.AppHost;

internal static class ServiceResourceExtensions
{
    public const string ManagementEndpoint = "management";

    /// <summary>Hands the resource's connection string to the service and holds the service back until it is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithDependency(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> dependency) =>
        service.WithReference(dependency).WaitFor(dependency);

    /// <summary>Lets the service discover another one and holds it back until that one is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithDependency(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> dependency) =>
        service.WithReference(dependency).WaitFor(dependency);

    /// <summary>
    /// A service behind the public edge: token validation against Identity, readiness probe, and
    /// the client address believed only from the edge, which reaches it over loopback in both modes
    /// (projects run on the host), so each shopper keeps their own per-address limits.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsGroceryService(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource>? identity, string issuer) =>
        service.WithGroceryDefaults(identity, issuer)
            .WithEnvironment("ForwardedHeaders__KnownProxies__0", "127.0.0.1")
            .WithEnvironment("ForwardedHeaders__KnownProxies__1", "::1")
            .WithHttpHealthCheck("/health");

    /// <summary>
    /// A service the internet reaches (gateway, Web). Its endpoint is not behind Aspire's TCP proxy,
    /// which would make every client 127.0.0.1; it believes nobody's X-Forwarded-For (in a cluster,
    /// ForwardedHeaders__KnownNetworks names the ingress); and its health and metrics are served on a
    /// management port of their own that only probes and scrapers reach.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsPublicEdge(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity, string issuer)
    {
        // Whole-system tests run one AppHost after another (and beside a developer's own run), so they
        // ask for free ports instead of the launch profile's fixed ones.
        var anyPort = string.Equals(service.ApplicationBuilder.Configuration[EdgePortsKey], "any", StringComparison.OrdinalIgnoreCase);
        service.WithGroceryDefaults(identity, issuer)
            .WithEndpoint("http", endpoint =>
            {
                endpoint.IsProxied = false;
                if (anyPort) endpoint.Port = endpoint.TargetPort = FreeLoopbackPort();
            })
            .WithHttpEndpoint(name: ManagementEndpoint)
            .WithExternalHttpEndpoints();
        return service
            .WithEnvironment(Grocery.ServiceDefaults.Extensions.ManagementPortKey.Replace(":", "__"), service.GetEndpoint(ManagementEndpoint).Property(EndpointProperty.TargetPort))
            .WithHttpHealthCheck("/health", endpointName: ManagementEndpoint);
    }

    /// <summary>
    /// Lets the service obtain its own token from Identity (client-credentials grant) for calls no user
    /// started: one generated secret parameter, handed to the service as ServiceAuth and to Identity as
    /// the client's configured secret. The client id is the service's resource name.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsServiceClientOf(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> identity)
    {
        var clientId = service.Resource.Name;
        var secret = service.ApplicationBuilder.AddParameter(ResourceNames.ServiceClientSecret(clientId),
            new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        identity.WithEnvironment($"Identity__ServiceClients__{clientId}__Secret", secret);
        return service
            .WithEnvironment("ServiceAuth__ClientId", clientId)
            .WithEnvironment("ServiceAuth__ClientSecret", secret);
    }

    /// <summary>Set to "any" (e.g. <c>--Grocery:EdgePorts any</c>) to give the edges free ports instead of 5000 and 5100.</summary>
    public const string EdgePortsKey = "Grocery:EdgePorts";

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IResourceBuilder<ProjectResource> WithGroceryDefaults(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource>? identity, string issuer)
    {
        service.WithEnvironment("Identity__Issuer", issuer);
        if (identity is not null) service.WithDependency(identity);
        return service;
    }
}
