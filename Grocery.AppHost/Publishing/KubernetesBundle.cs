using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.AppHost.Publishing;

/// <summary>
/// Writes the Kubernetes bundle from the app model: <c>base/</c> (one file per project plus the
/// shared objects), <c>overlays/staging</c> and <c>overlays/production</c>, the Vault component,
/// the ingress controller's settings and the observability files. Every project of the AppHost
/// becomes a workload here; nothing is written by hand per service.
/// </summary>
public static class KubernetesBundle
{
    public const string Base = "base";
    public const string Overlays = "overlays";
    public const string VaultComponent = "components/vault";
    public const string ObservabilityFolder = "observability";
    public const string IngressControllerFolder = "ingress-nginx";
    public const string FirestoreFolder = "firestore";
    private static readonly string[] GeneratedFolders = [Base, Overlays, "components", ObservabilityFolder, IngressControllerFolder, FirestoreFolder];

    /// <summary>Writes the bundle when <c>--kubernetes-output DIR</c> is given; publishing only, since run mode has no containers to describe.</summary>
    public static async Task WriteIfRequestedAsync(this DistributedApplication app, IDistributedApplicationBuilder builder)
    {
        if (builder.Configuration[KubernetesBundleOptions.OutputKey] is not { Length: > 0 } output) return;
        if (!builder.ExecutionContext.IsPublishMode)
            throw new InvalidOperationException($"--{KubernetesBundleOptions.OutputKey} needs publish mode (--publisher manifest).");
        var options = KubernetesBundleOptions.FromConfiguration(builder.Configuration, Path.GetFullPath(output));
        await WriteAsync(app.Services.GetRequiredService<DistributedApplicationModel>(), options, CancellationToken.None);
    }

    public static async Task WriteAsync(DistributedApplicationModel model, KubernetesBundleOptions options, CancellationToken cancellationToken)
    {
        var services = await ServiceDescription.ReadAllAsync(model, cancellationToken);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);

        var resources = new List<string> { "namespace.yaml", "rbac.yaml" };
        files[$"{Base}/namespace.yaml"] = Yaml(Namespace(options));
        files[$"{Base}/rbac.yaml"] = Yaml(MigrationReader(options));
        foreach (var service in services)
        {
            List<object> objects =
            [
                KubernetesObjects.Settings(service, options),
                KubernetesObjects.Deployment(service, options),
                KubernetesObjects.Service(service),
                KubernetesObjects.Autoscaler(service),
                KubernetesObjects.DisruptionBudget(service),
                .. service.Databases.Select(database => KubernetesObjects.MigrationJob(service, database, options)),
            ];
            if (service.IsPublicEdge) objects.Add(EdgeObjects.Ingress(service, options));
            files[$"{Base}/{service.Name}.yaml"] = Yaml(objects);
            resources.Add($"{service.Name}.yaml");
        }
        files[$"{Base}/{Observability.CollectorName}.yaml"] = Yaml(Observability.CollectorObjects());
        files[$"{Base}/observability.yaml"] = Yaml(Observability.AssetConfigMaps());
        resources.AddRange([$"{Observability.CollectorName}.yaml", "observability.yaml"]);
        files[$"{Base}/kustomization.yaml"] = Yaml(Kustomizations.Base(options, resources));

        foreach (var (path, content) in Kustomizations.Overlays(services, options)) files[path] = content;
        foreach (var (path, content) in Kustomizations.Vault(services, options)) files[path] = content;
        foreach (var (path, content) in PgBouncer.Component(services, options)) files[path] = content;
        foreach (var (path, content) in OptionalComponents.Files(services)) files[path] = content;
        foreach (var (path, content) in Observability.Assets()) files[$"{ObservabilityFolder}/{AssetPath(path)}"] = content;
        files[$"{IngressControllerFolder}/controller-configmap.yaml"] = Yaml(EdgeObjects.ControllerSettings());
        foreach (var (path, content) in FirestoreRules.Files()) files[path] = content;

        foreach (var folder in GeneratedFolders)
        {
            var path = Path.Combine(options.OutputDirectory, folder);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(options.OutputDirectory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, cancellationToken);
        }
    }

    /// <summary>Embedded names use dots for folders: "dashboards.red.json" is dashboards/red.json.</summary>
    private static string AssetPath(string name) =>
        name.StartsWith("dashboards.", StringComparison.Ordinal) ? "dashboards/" + name["dashboards.".Length..] : name;

    public static string Yaml(object value) => Yaml([value]);

    public static string Yaml(IEnumerable<object> values) =>
        string.Join("---\n", values.Select(v => KubernetesYaml.Serialize(v).TrimEnd() + "\n"));

    private static V1Namespace Namespace(KubernetesBundleOptions options) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = options.Namespace,
            Labels = new Dictionary<string, string>
            {
                // Every pod here already meets the restricted profile; the label makes the API server hold us to it.
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/warn"] = "restricted",
            },
        },
    };

    /// <summary>What the init containers need to wait for a migration Job: read Jobs in the namespace, nothing else.</summary>
    private static IEnumerable<object> MigrationReader(KubernetesBundleOptions options)
    {
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta { Name = KubernetesObjects.MigrationServiceAccount },
        };
        yield return new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = new V1ObjectMeta { Name = KubernetesObjects.MigrationServiceAccount },
            Rules = [new V1PolicyRule { ApiGroups = ["batch"], Resources = ["jobs"], Verbs = ["get", "list", "watch"] }],
        };
        yield return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = KubernetesObjects.MigrationServiceAccount },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = KubernetesObjects.MigrationServiceAccount },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = KubernetesObjects.MigrationServiceAccount, NamespaceProperty = options.Namespace }],
        };
    }
}
