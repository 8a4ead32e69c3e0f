using k8s.Models;

namespace Grocery.AppHost.Publishing;

/// <summary>The Kubernetes objects of one service: its settings, Deployment, Service, HPA, PDB and migration Jobs.</summary>
public static class KubernetesObjects
{
    public const string MigrationServiceAccount = "grocery-migration-reader";
    public const string PartOf = "grocery";
    private const long AppUser = 1654; // the non-root "app" user of Microsoft's .NET images
    private const int DrainSeconds = 10;

    /// <summary>The argument every service understands as "apply the migrations and exit" (Grocery.Persistence).</summary>
    public const string MigrateCommand = "migrate";

    public static string Image(KubernetesBundleOptions options, string service) => $"{options.Registry}/grocery-{service}:{options.Tag}";

    public static string SettingsName(string service) => $"{service}-settings";

    /// <summary>
    /// One Job per database and release: a Job cannot be changed once created, and the name tells
    /// the init containers which run of the migrations this rollout waits for.
    /// </summary>
    public static string MigrationJobName(string database, string tag)
    {
        var slug = new string(tag.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var name = $"{database}-migrate-{slug}";
        return name.Length <= 63 ? name.TrimEnd('-') : name[..63].TrimEnd('-');
    }

    public static Dictionary<string, string> Labels(string service) => new()
    {
        ["app.kubernetes.io/name"] = service,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    /// <summary>Cluster facts the app model cannot know: networks to believe, telemetry, and no migration on start.</summary>
    public static IReadOnlyList<KeyValuePair<string, EnvironmentValue>> ClusterEnvironment(ServiceDescription service, KubernetesBundleOptions options)
    {
        var variables = service.Environment
            .Where(v => !v.Key.StartsWith("ForwardedHeaders__", StringComparison.Ordinal))
            .Where(v => v.Key is not ("OTEL_EXPORTER_OTLP_ENDPOINT" or "OTEL_EXPORTER_OTLP_PROTOCOL" or "OTEL_SERVICE_NAME" or "ASPNETCORE_FORWARDEDHEADERS_ENABLED"))
            .ToList();
        // ASP.NET Core's own switch would believe every sender; ServiceDefaults reads ForwardedHeaders instead.
        variables.Add(KeyValuePair.Create<string, EnvironmentValue>("ASPNETCORE_FORWARDEDHEADERS_ENABLED", new LiteralValue("false")));
        variables.Add(KeyValuePair.Create<string, EnvironmentValue>("ForwardedHeaders__KnownNetworks__0",
            new LiteralValue(service.IsPublicEdge ? options.IngressNetwork : options.PodNetwork)));
        variables.Add(KeyValuePair.Create<string, EnvironmentValue>("OTEL_EXPORTER_OTLP_ENDPOINT", new LiteralValue($"http://{Observability.CollectorName}:4317")));
        variables.Add(KeyValuePair.Create<string, EnvironmentValue>("OTEL_EXPORTER_OTLP_PROTOCOL", new LiteralValue("grpc")));
        variables.Add(KeyValuePair.Create<string, EnvironmentValue>("OTEL_SERVICE_NAME", new LiteralValue(service.Name)));
        if (service.Databases.Count > 0)
            variables.Add(KeyValuePair.Create<string, EnvironmentValue>("Database__MigrateOnStartup", new LiteralValue("false")));
        return variables;
    }

    /// <summary>
    /// The Secret references of a service's pods. Their database connection goes through PgBouncer in
    /// transaction mode, which cannot carry a session: the outbox relay's leader lock and LISTEN, and
    /// Catalog's cache invalidation LISTEN, read <c>ConnectionStrings:{database}-direct</c> instead. A
    /// migration takes a session advisory lock too, so the Job's one connection is the direct one.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, EnvironmentValue>> SecretEnvironment(ServiceDescription service, KubernetesBundleOptions options, bool migration)
    {
        var secrets = ClusterEnvironment(service, options).Where(v => v.Value is SecretValue).ToList();
        bool IsOwnDatabase(EnvironmentValue value) =>
            value is SecretValue { SecretName: ServiceEnvironment.ConnectionsSecret } secret && service.Databases.Contains(secret.Key);
        IEnumerable<KeyValuePair<string, EnvironmentValue>> references = migration
            ? secrets.Select(v => IsOwnDatabase(v.Value)
                ? KeyValuePair.Create<string, EnvironmentValue>(v.Key, (SecretValue)v.Value with { SecretName = ServiceEnvironment.DirectConnectionsSecret })
                : v)
            : secrets.Concat(secrets.Where(v => IsOwnDatabase(v.Value)).Select(v => KeyValuePair.Create<string, EnvironmentValue>(
                DirectConnectionVariable(((SecretValue)v.Value).Key), (SecretValue)v.Value with { SecretName = ServiceEnvironment.DirectConnectionsSecret })));
        return [.. references.OrderBy(v => v.Key, StringComparer.Ordinal)];
    }

    /// <summary>The variable the services read for a session connection (OutboxRelay.DirectConnectionSuffix, CatalogDataSources.DirectConnectionName).</summary>
    public static string DirectConnectionVariable(string database) => $"ConnectionStrings__{database}{ServiceEnvironment.DirectConnectionSuffix}";

    public static V1ConfigMap Settings(ServiceDescription service, KubernetesBundleOptions options) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = SettingsName(service.Name), Labels = Labels(service.Name) },
        Data = ClusterEnvironment(service, options)
            .Where(v => v.Value is LiteralValue)
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .ToDictionary(v => v.Key, v => ((LiteralValue)v.Value).Value),
    };

    public static V1Deployment Deployment(ServiceDescription service, KubernetesBundleOptions options)
    {
        var sizing = service.Sizing;
        var pod = PodSpec(service, options, restartPolicy: null);
        pod.TerminationGracePeriodSeconds = 45;
        pod.InitContainers = service.Databases.Count == 0 ? null : [.. service.Databases.Select(database => WaitForMigration(database, options))];
        var container = pod.Containers[0];
        container.Ports =
        [
            new V1ContainerPort { Name = "http", ContainerPort = ServiceEnvironment.HttpContainerPort },
            .. service.IsPublicEdge
                ? [new V1ContainerPort { Name = ServiceResourceExtensions.ManagementEndpoint, ContainerPort = ServiceEnvironment.ManagementContainerPort }]
                : Array.Empty<V1ContainerPort>(),
        ];
        // Probes and scrapers reach an edge only on its management port: /health answers 404 on the public one.
        container.StartupProbe = Probe("/alive", service.PortName, period: 5, failures: 30);
        container.LivenessProbe = Probe("/alive", service.PortName, period: 10, failures: 3);
        container.ReadinessProbe = Probe("/health", service.PortName, period: 5, failures: 3);
        // The endpoints controller takes a moment to drop a terminating pod; serving meanwhile avoids 502s.
        container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = DrainSeconds } } };
        container.Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(sizing.CpuRequest), ["memory"] = new(sizing.MemoryRequest) },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(sizing.CpuLimit), ["memory"] = new(sizing.MemoryLimit) },
        };

        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels(service.Name) },
            Spec = new V1DeploymentSpec
            {
                Replicas = sizing.MinReplicas,
                RevisionHistoryLimit = 5,
                Selector = new V1LabelSelector { MatchLabels = Labels(service.Name) },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxSurge = "25%", MaxUnavailable = 0 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = Labels(service.Name),
                        Annotations = new Dictionary<string, string>
                        {
                            ["prometheus.io/scrape"] = "true",
                            ["prometheus.io/port"] = service.ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            ["prometheus.io/path"] = "/metrics",
                        },
                    },
                    Spec = pod,
                },
            },
        };
    }

    public static V1Service Service(ServiceDescription service) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels(service.Name) },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = Labels(service.Name),
            Ports =
            [
                new V1ServicePort { Name = "http", Port = ServiceEnvironment.HttpServicePort, TargetPort = "http", Protocol = "TCP" },
                .. service.IsPublicEdge
                    ? [new V1ServicePort { Name = ServiceResourceExtensions.ManagementEndpoint, Port = ServiceEnvironment.ManagementContainerPort, TargetPort = ServiceResourceExtensions.ManagementEndpoint, Protocol = "TCP" }]
                    : Array.Empty<V1ServicePort>(),
            ],
        },
    };

    public static V2HorizontalPodAutoscaler Autoscaler(ServiceDescription service)
    {
        var sizing = service.Sizing;
        List<V2MetricSpec> metrics =
        [
            new V2MetricSpec
            {
                Type = "Resource",
                Resource = new V2ResourceMetricSource
                {
                    Name = "cpu",
                    Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = ServiceSizing.CpuUtilizationPercent },
                },
            },
        ];
        if (sizing.RequestsPerSecondPerPod is { } rps)
        {
            metrics.Add(new V2MetricSpec
            {
                Type = "Pods",
                Pods = new V2PodsMetricSource
                {
                    Metric = new V2MetricIdentifier { Name = ServiceSizing.RequestsPerSecondMetric },
                    Target = new V2MetricTarget { Type = "AverageValue", AverageValue = new ResourceQuantity(rps.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                },
            });
        }
        return new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = "HorizontalPodAutoscaler",
            Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels(service.Name) },
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = service.Name },
                MinReplicas = sizing.MinReplicas,
                MaxReplicas = sizing.MaxReplicas,
                Metrics = metrics,
                // Scale down slowly: a shopper's interactive circuit lives on one Web pod.
                Behavior = new V2HorizontalPodAutoscalerBehavior
                {
                    ScaleDown = new V2HPAScalingRules
                    {
                        StabilizationWindowSeconds = 300,
                        Policies = [new V2HPAScalingPolicy { Type = "Percent", Value = 20, PeriodSeconds = 60 }],
                    },
                },
            },
        };
    }

    public static V1PodDisruptionBudget DisruptionBudget(ServiceDescription service) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = new V1ObjectMeta { Name = service.Name, Labels = Labels(service.Name) },
        Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = new V1LabelSelector { MatchLabels = Labels(service.Name) } },
    };

    public static V1Job MigrationJob(ServiceDescription service, string database, KubernetesBundleOptions options)
    {
        var pod = PodSpec(service, options, restartPolicy: "Never");
        pod.Containers[0].Name = "migrate";
        pod.Containers[0].Args = [MigrateCommand];
        pod.Containers[0].Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("256Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1"), ["memory"] = new("512Mi") },
        };
        var labels = Labels(service.Name);
        labels["app.kubernetes.io/component"] = "migration";
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = MigrationJobName(database, options.Tag), Labels = labels },
            Spec = new V1JobSpec
            {
                BackoffLimit = 3,
                ActiveDeadlineSeconds = 900,
                // No TTL: a pod restarted later still finds the completed Job its init container waits for.
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = pod },
            },
        };
    }

    private static V1Container WaitForMigration(string database, KubernetesBundleOptions options) => new()
    {
        Name = $"wait-for-{database}-migration",
        Image = options.KubectlImage,
        Args = ["wait", "--for=condition=complete", "--timeout=15m", $"job/{MigrationJobName(database, options.Tag)}"],
        Env = [new V1EnvVar { Name = "HOME", Value = "/tmp" }],
        SecurityContext = ContainerSecurity(),
        VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
        Resources = new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("32Mi") },
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") },
        },
    };

    private static V1PodSpec PodSpec(ServiceDescription service, KubernetesBundleOptions options, string? restartPolicy)
    {
        var references = SecretEnvironment(service, options, migration: restartPolicy is not null)
            .Select(v => new V1EnvVar
            {
                Name = v.Key,
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = ((SecretValue)v.Value).SecretName, Key = ((SecretValue)v.Value).Key } },
            })
            .ToList();
        var needsJobReader = service.Databases.Count > 0 && restartPolicy is null;
        return new V1PodSpec
        {
            RestartPolicy = restartPolicy,
            ServiceAccountName = needsJobReader ? MigrationServiceAccount : null,
            AutomountServiceAccountToken = needsJobReader,
            EnableServiceLinks = false,
            SecurityContext = PodSecurity(AppUser, ownsFiles: true),
            Containers =
            [
                new V1Container
                {
                    Name = service.Name,
                    Image = Image(options, service.Name),
                    ImagePullPolicy = "IfNotPresent",
                    EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = SettingsName(service.Name) } }],
                    Env = references.Count == 0 ? null : references,
                    SecurityContext = ContainerSecurity(),
                    // The root filesystem is read-only; .NET still wants a writable temp directory.
                    VolumeMounts = [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }],
                },
            ],
            Volumes = [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("64Mi") } }],
        };
    }

    /// <summary>Every pod of the bundle runs as a non-root user under the runtime's seccomp profile.</summary>
    internal static V1PodSecurityContext PodSecurity(long user, bool ownsFiles = false) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = ownsFiles ? user : null,
        FsGroup = ownsFiles ? user : null,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>Every container: read-only root filesystem, no capabilities, no privilege escalation.</summary>
    internal static V1SecurityContext ContainerSecurity() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    private static V1Probe Probe(string path, string port, int period, int failures) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        PeriodSeconds = period,
        FailureThreshold = failures,
        TimeoutSeconds = 3,
    };
}
