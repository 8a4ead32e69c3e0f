using Microsoft.Extensions.Configuration;

namespace Grocery.AppHost.Publishing;

/// <summary>
/// What the Kubernetes bundle needs that the app model does not say: where images live, which
/// host the shop answers on, and which networks the services believe about a client's address.
/// Every value comes from the <c>Kubernetes</c> configuration section (for example
/// <c>--Kubernetes:Registry=ghcr.io/acme</c>), so a release pipeline sets them without editing code.
/// </summary>
public sealed record KubernetesBundleOptions
{
    public const string SectionName = "Kubernetes";
    public const string OutputKey = "kubernetes-output";

    public required string OutputDirectory { get; init; }
    public string Namespace { get; init; } = "grocery";
    public string Registry { get; init; } = "ghcr.io/grocery";
    public string Tag { get; init; } = "latest";
    public string Host { get; init; } = "shop.example.com";
    public string ClusterIssuer { get; init; } = "letsencrypt";

    /// <summary>Pods' addresses: services behind the edge believe X-Forwarded-For only from here.</summary>
    public string PodNetwork { get; init; } = "10.0.0.0/8";

    /// <summary>The ingress controller's pods: the only sender the public edges believe.</summary>
    public string IngressNetwork { get; init; } = "10.0.0.0/8";

    /// <summary>Runs <c>kubectl wait</c> in the init container that holds a rollout back until its migration Job completed.</summary>
    public string KubectlImage { get; init; } = "registry.k8s.io/kubectl:v1.32.4";

    /// <summary>The managed PostgreSQL server PgBouncer forwards to.</summary>
    public string PostgresHost { get; init; } = "postgres";

    public string PgBouncerImage { get; init; } = "ghcr.io/cloudnative-pg/pgbouncer:1.24.1";

    public static KubernetesBundleOptions FromConfiguration(IConfiguration configuration, string outputDirectory)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new KubernetesBundleOptions { OutputDirectory = outputDirectory };
        return defaults with
        {
            Namespace = section[nameof(Namespace)] ?? defaults.Namespace,
            Registry = section[nameof(Registry)] ?? defaults.Registry,
            Tag = section[nameof(Tag)] ?? defaults.Tag,
            Host = section[nameof(Host)] ?? defaults.Host,
            ClusterIssuer = section[nameof(ClusterIssuer)] ?? defaults.ClusterIssuer,
            PodNetwork = section[nameof(PodNetwork)] ?? defaults.PodNetwork,
            IngressNetwork = section[nameof(IngressNetwork)] ?? defaults.IngressNetwork,
            KubectlImage = section[nameof(KubectlImage)] ?? defaults.KubectlImage,
            PostgresHost = section[nameof(PostgresHost)] ?? defaults.PostgresHost,
            PgBouncerImage = section[nameof(PgBouncerImage)] ?? defaults.PgBouncerImage,
        };
    }
}
