using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grocery.ServiceDefaults;

/// <summary>Reports a dependency's failure as Degraded, even when its check says Unhealthy outright.</summary>
internal sealed class DegradedOnFailureHealthCheck(IHealthCheck inner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await inner.CheckHealthAsync(context, cancellationToken);
        return result.Status == HealthStatus.Unhealthy
            ? new HealthCheckResult(HealthStatus.Degraded, result.Description, result.Exception, result.Data)
            : result;
    }
}
