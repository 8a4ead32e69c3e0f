using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Grocery.Persistence;

/// <summary>Ready only when the service's own database answers a query within a few seconds.</summary>
internal sealed class DatabaseHealthCheck<TContext>(IServiceScopeFactory scopes) : IHealthCheck where TContext : DbContext
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    // Set while the database is unreachable. The first probe that succeeds afterwards clears the
    // pool: idle connections opened before a database restart are dead, and requests handed one
    // would fail even though the probe's own connection is fresh.
    private static volatile bool s_unreachable;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
            }
            catch (NpgsqlException) when (db.Database.GetDbConnection() is NpgsqlConnection connection)
            {
                // After a database restart every idle pooled connection is dead; without clearing
                // the pool each of them would fail one probe (and one request) in turn.
                NpgsqlConnection.ClearPool(connection);
                await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
            }
            if (s_unreachable && db.Database.GetDbConnection() is NpgsqlConnection recovered)
            {
                NpgsqlConnection.ClearPool(recovered);
                s_unreachable = false;
            }
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            s_unreachable = true;
            return new HealthCheckResult(context.Registration.FailureStatus, "The database did not answer.", ex);
        }
    }
}
