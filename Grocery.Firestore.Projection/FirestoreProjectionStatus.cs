using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Grocery.Firestore.Projection;

/// <summary>
/// The projection's health: never Unhealthy, because Firestore carries a read model, not the truth;
/// a failing or missing Firestore reports Degraded and the service stays ready.
/// </summary>
public sealed class FirestoreProjectionStatus(TimeProvider time, IOptions<FirestoreOptions> firestore) : IHealthCheck
{
    private readonly Lock _gate = new();
    private readonly bool _configured = firestore.Value.IsConfigured;
    private Exception? _lastError;
    private DateTimeOffset? _lastSuccess;
    private long _written;

    public const string HealthCheckName = "firestore-projection";

    public long DocumentsWritten => Interlocked.Read(ref _written);

    public void Succeeded(int written)
    {
        lock (_gate)
        {
            _lastError = null;
            _lastSuccess = time.GetUtcNow();
            _written += written;
        }
    }

    public void Failed(Exception error)
    {
        lock (_gate)
        {
            _lastError = error;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var data = new Dictionary<string, object> { ["documentsWritten"] = _written };
            if (_lastSuccess is { } success)
            {
                data["lastSuccess"] = success;
            }
            var result = !_configured
                ? HealthCheckResult.Degraded("Firestore is not configured (Firestore:ProjectId or FIRESTORE_EMULATOR_HOST); the live read model is not written.", data: data)
                : _lastError is { } error
                    ? HealthCheckResult.Degraded("Writing the live read model to Firestore fails; changes wait in PostgreSQL.", error, data)
                    : HealthCheckResult.Healthy(data: data);
            return Task.FromResult(result);
        }
    }
}
