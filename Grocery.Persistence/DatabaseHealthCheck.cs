using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Grocery.Persistence;

/// <summary>Ready only when the service's own database answers a query within a few seconds.</summary>
internal sealed class DatabaseHealthCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck where TContext : DbContext
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    // Idle connections opened before a database restart are dead, and a request handed one would
    // fail even though the probe's own connection is fresh; a changed server start time (or an
    // outage seen by an earlier probe) clears the pool.
    private static volatile bool s_unreachable;
    private static DateTime s_serverStartedAt;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            DateTime startedAt;
            try
            {
                startedAt = await db.Database.SqlQueryRaw<DateTime>("SELECT pg_postmaster_start_time() AS \"Value\"").SingleAsync(timeout.Token);
            }
            catch (NpgsqlException) when (db.Database.GetDbConnection() is NpgsqlConnection connection)
            {
                NpgsqlConnection.ClearPool(connection);
                startedAt = await db.Database.SqlQueryRaw<DateTime>("SELECT pg_postmaster_start_time() AS \"Value\"").SingleAsync(timeout.Token);
            }
            var restarted = s_serverStartedAt != default && s_serverStartedAt != startedAt;
            if ((s_unreachable || restarted) && db.Database.GetDbConnection() is NpgsqlConnection recovered)
            {
                NpgsqlConnection.ClearPool(recovered);
            }
            s_unreachable = false;
            s_serverStartedAt = startedAt;
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            s_unreachable = true;
            return new HealthCheckResult(context.Registration.FailureStatus, "The database did not answer.", ex);
        }
    }
}
