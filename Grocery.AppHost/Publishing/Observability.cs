using System.Reflection;
using k8s.Models;

namespace Grocery.AppHost.Publishing;

/// <summary>
/// The OpenTelemetry Collector every service sends traces and logs to, and the checked-in
/// Prometheus rules, scrape configuration, prometheus-adapter rules and Grafana dashboards.
/// Metrics are scraped from each pod's management port, not pushed, so a Prometheus outage
/// never backs up into the services.
/// </summary>
public static class Observability
{
    public const string CollectorName = "otel-collector";
    public const string CollectorImage = "otel/opentelemetry-collector-contrib:0.119.0";
    private const string AssetPrefix = "Grocery.AppHost.Publishing.Observability.";

    /// <summary>The observability files in the AppHost assembly, by their path in the bundle's observability/ folder.</summary>
    public static IReadOnlyDictionary<string, string> Assets()
    {
        var assembly = typeof(Observability).Assembly;
        var assets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(AssetPrefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            assets[name[AssetPrefix.Length..]] = reader.ReadToEnd();
        }
        return assets;
    }

    public static IEnumerable<object> CollectorObjects()
    {
        var labels = KubernetesObjects.Labels(CollectorName);
        yield return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = CollectorName, Labels = labels },
            Data = new Dictionary<string, string> { ["collector.yaml"] = Assets()["otel-collector.yaml"] },
        };
        yield return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = CollectorName, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        SecurityContext = KubernetesObjects.PodSecurity(10001),
                        Containers =
                        [
                            new V1Container
                            {
                                Name = CollectorName,
                                Image = CollectorImage,
                                Args = ["--config=/conf/collector.yaml"],
                                Ports =
                                [
                                    new V1ContainerPort { Name = "otlp-grpc", ContainerPort = 4317 },
                                    new V1ContainerPort { Name = "otlp-http", ContainerPort = 4318 },
                                    new V1ContainerPort { Name = "health", ContainerPort = 13133 },
                                ],
                                LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "health" }, PeriodSeconds = 10 },
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "health" }, PeriodSeconds = 5 },
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("200m"), ["memory"] = new("256Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
                                },
                                SecurityContext = KubernetesObjects.ContainerSecurity(),
                                VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/conf", ReadOnlyProperty = true }],
                            },
                        ],
                        Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = CollectorName } }],
                    },
                },
            },
        };
        yield return new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = CollectorName, Labels = labels },
            Spec = new V1ServiceSpec
            {
                Selector = labels,
                Ports =
                [
                    new V1ServicePort { Name = "otlp-grpc", Port = 4317, TargetPort = "otlp-grpc", Protocol = "TCP" },
                    new V1ServicePort { Name = "otlp-http", Port = 4318, TargetPort = "otlp-http", Protocol = "TCP" },
                ],
            },
        };
    }

    /// <summary>Rules and dashboards as ConfigMaps: Prometheus mounts the first, Grafana's sidecar loads the labelled second.</summary>
    public static IEnumerable<V1ConfigMap> AssetConfigMaps()
    {
        var assets = Assets();
        yield return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "grocery-alert-rules", Labels = KubernetesObjects.Labels("prometheus") },
            Data = new Dictionary<string, string> { ["alert-rules.yml"] = assets["alert-rules.yml"] },
        };
        var dashboards = KubernetesObjects.Labels("grafana");
        dashboards["grafana_dashboard"] = "1";
        yield return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "grocery-dashboards", Labels = dashboards },
            Data = assets.Where(a => a.Key.StartsWith("dashboards.", StringComparison.Ordinal))
                .ToDictionary(a => a.Key["dashboards.".Length..], a => a.Value),
        };
    }
}
