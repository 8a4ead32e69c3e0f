using Grocery.ServiceDefaults;

namespace Grocery.AppHost.Publishing;

/// <summary>
/// Replicas and resources of one service in the cluster. The figures come from the capacity plan
/// in docs/operations.md (300,000 peak shoppers, per-pod throughput from bench/); a project the
/// plan does not know yet gets <see cref="Default"/> until it is measured.
/// </summary>
public sealed record ServiceSizing(
    int MinReplicas,
    int MaxReplicas,
    string CpuRequest,
    string MemoryRequest,
    string CpuLimit,
    string MemoryLimit,
    int? RequestsPerSecondPerPod = null)
{
    /// <summary>HPA's CPU target: the per-pod figures below are what a pod serves at this utilisation.</summary>
    public const int CpuUtilizationPercent = 70;

    public static readonly ServiceSizing Default = new(2, 4, "250m", "256Mi", "1", "512Mi");

    private static readonly Dictionary<string, ServiceSizing> Known = new()
    {
        [ResourceNames.Catalog] = new(4, 16, "500m", "384Mi", "1", "768Mi", RequestsPerSecondPerPod: 4000),
        [ResourceNames.Gateway] = new(3, 10, "500m", "256Mi", "1", "512Mi", RequestsPerSecondPerPod: 2500),
        [ResourceNames.Web] = new(4, 30, "500m", "512Mi", "1", "1Gi", RequestsPerSecondPerPod: 500),
        [ResourceNames.Identity] = new(2, 6, "250m", "256Mi", "1", "512Mi"),
        [ResourceNames.Inventory] = new(2, 4, "250m", "256Mi", "1", "512Mi"),
        [ResourceNames.Ordering] = new(2, 10, "250m", "256Mi", "1", "512Mi"),
        [ResourceNames.Delivery] = new(2, 4, "250m", "256Mi", "1", "512Mi"),
    };

    public static ServiceSizing For(string service) => Known.GetValueOrDefault(service, Default);

    /// <summary>The metric prometheus-adapter serves to the HPA (rules in the bundle).</summary>
    public const string RequestsPerSecondMetric = "http_server_requests_per_second";
}
