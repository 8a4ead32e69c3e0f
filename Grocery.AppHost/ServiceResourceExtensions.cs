namespace Grocery.AppHost;

internal static class ServiceResourceExtensions
{
    /// <summary>Hands the resource's connection string to the service and holds the service back until it is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithDependency(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<IResourceWithConnectionString> dependency) =>
        service.WithReference(dependency).WaitFor(dependency);

    /// <summary>Lets the service discover another one and holds it back until that one is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WithDependency(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> dependency) =>
        service.WithReference(dependency).WaitFor(dependency);

    /// <summary>The configuration every Grocery API shares: token validation against Identity, readiness probe.</summary>
    public static IResourceBuilder<ProjectResource> AsGroceryService(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource>? identity, string issuer)
    {
        service.WithEnvironment("Identity__Issuer", issuer).WithHttpHealthCheck("/health");
        if (identity is not null) service.WithDependency(identity);
        return service;
    }
}
