using k8s.Models;

namespace Grocery.AppHost.Publishing;

/// <summary>
/// Kustomize components for a self-contained cluster: <c>components/observability</c> (Prometheus,
/// Grafana, Loki, Jaeger) and <c>components/in-cluster-data</c> (PostgreSQL, Redis and Kafka as
/// StatefulSets). The workloads are checked-in YAML; what depends on the app model (the scrape
/// configuration, one database per service) is generated beside them.
/// </summary>
public static class OptionalComponents
{
    public const string ObservabilityFolder = "components/observability";
    public const string DataFolder = "components/in-cluster-data";
    private const string AssetPrefix = "Grocery.AppHost.Publishing.Optional.";

    public static IEnumerable<KeyValuePair<string, string>> Files(IReadOnlyList<ServiceDescription> services)
    {
        var prometheus = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "prometheus-config", Labels = KubernetesObjects.Labels("prometheus") },
            Data = new Dictionary<string, string> { ["prometheus.yml"] = Observability.Assets()["prometheus.yml"] },
        };
        foreach (var file in Component(ObservabilityFolder, Asset("observability-stack.yaml"), KubernetesBundle.Yaml(prometheus))) yield return file;

        var databases = services.SelectMany(s => s.Databases).Order(StringComparer.Ordinal).ToList();
        var init = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "postgres-init", Labels = KubernetesObjects.Labels("postgres") },
            Data = new Dictionary<string, string>
            {
                ["databases.sql"] = string.Concat(databases.Select(d => $"CREATE DATABASE \"{d}\";\n")),
            },
        };
        foreach (var file in Component(DataFolder, Asset("in-cluster-data.yaml"), KubernetesBundle.Yaml(init))) yield return file;
    }

    private static IEnumerable<KeyValuePair<string, string>> Component(string folder, string stack, string generated)
    {
        yield return KeyValuePair.Create($"{folder}/stack.yaml", stack);
        yield return KeyValuePair.Create($"{folder}/generated.yaml", generated);
        yield return KeyValuePair.Create($"{folder}/kustomization.yaml", KubernetesBundle.Yaml(new Dictionary<string, object>
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1alpha1",
            ["kind"] = "Component",
            ["resources"] = new List<object> { "stack.yaml", "generated.yaml" },
        }));
    }

    private static string Asset(string name)
    {
        using var stream = typeof(OptionalComponents).Assembly.GetManifestResourceStream(AssetPrefix + name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the AppHost.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
