using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grocery.AppHost.Infrastructure;

/// <summary>
/// Firestore carries the live read model (stock and slot documents clients listen to). Local mode
/// runs the npm emulator with Node, containers mode Google's Cloud SDK emulator image; both hand
/// services FIRESTORE_EMULATOR_HOST. A published bundle gets no Firestore of its own: the project
/// id is a parameter (empty means none, and the projection reports Degraded) and credentials come
/// from the cluster (workload identity, or a key file named by GOOGLE_APPLICATION_CREDENTIALS).
/// </summary>
public static class FirestoreExtensions
{
    public const string ResourceName = "firestore";
    public const string ProjectIdParameter = "firestore-project-id";
    public const string EmulatorImage = "gcr.io/google.com/cloudsdktool/google-cloud-cli";
    public const string EmulatorImageTag = "emulators";
    private const int ContainerPort = 8080;

    public static GroceryFirestore AddGroceryFirestore(this IDistributedApplicationBuilder builder, InfrastructureMode mode)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new GroceryFirestore(null, null, builder.AddParameter(ProjectIdParameter, "", publishValueAsDefault: true));
        }
        if (mode == InfrastructureMode.Containers)
        {
            var container = builder.AddContainer(ResourceName, EmulatorImage, EmulatorImageTag)
                .WithArgs("gcloud", "emulators", "firestore", "start", $"--host-port=0.0.0.0:{ContainerPort}")
                .WithEndpoint(name: "grpc", scheme: "tcp", targetPort: ContainerPort);
            return new GroceryFirestore(container, ReferenceExpression.Create($"{container.GetEndpoint("grpc").Property(EndpointProperty.HostAndPort)}"), null);
        }

        var directory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "tools", "firestore-emulator"));
        var port = LocalPorts.Next();
        var emulator = new FirestoreEmulatorResource(ResourceName, directory, port);
        var healthKey = $"{ResourceName}-listening";
        // Not behind Aspire's proxy, so a connection succeeds only once Node listens.
        builder.Services.AddHealthChecks().AddAsyncCheck(healthKey, ct => ConnectAsync(port, ct));
        var local = builder.AddResource(emulator)
            .WithArgs("start.sh", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEndpoint(name: "grpc", scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithHealthCheck(healthKey)
            .ExcludeFromManifest();
        return new GroceryFirestore(local, ReferenceExpression.Create($"{emulator.HostAndPort}"), null);
    }

    /// <summary>Hands a service the emulator (and waits for it) or, in a bundle, the project id parameter.</summary>
    public static IResourceBuilder<ProjectResource> WithFirestore(this IResourceBuilder<ProjectResource> project, GroceryFirestore firestore)
    {
        if (firestore.ProjectId is { } projectId)
        {
            return project.WithEnvironment("Firestore__ProjectId", projectId);
        }
        return project.WithEnvironment("FIRESTORE_EMULATOR_HOST", firestore.EmulatorHost!).WaitFor(firestore.Emulator!);
    }

    private static async Task<HealthCheckResult> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}

/// <summary>The emulator and its address in development, or the project id parameter of a bundle.</summary>
public sealed record GroceryFirestore(
    IResourceBuilder<IResource>? Emulator,
    ReferenceExpression? EmulatorHost,
    IResourceBuilder<ParameterResource>? ProjectId);
