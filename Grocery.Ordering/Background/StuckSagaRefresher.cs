using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Grocery.Ordering.Telemetry;

namespace Grocery.Ordering.Background;

internal sealed class StuckSagaRefresher(
    IServiceScopeFactory scopes,
    OrderingMeter meter,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<StuckSagaRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Ordering:MetricsRefreshInterval", OrderingMetrics.DefaultRefreshInterval);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                meter.Report(await ReadAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The last reading stays; a database outage has its own alerts.
                logger.LogWarning(e, "Reading stuck sagas for the metrics failed; retrying at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<IReadOnlyList<StuckSagas>> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        // The partial index on Deadline keeps this to the few orders with a running saga.
        var rows = await db.Orders
            .Where(o => o.Deadline != null && o.Deadline <= now)
            .GroupBy(o => o.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Oldest = g.Min(o => o.Deadline) })
            .ToListAsync(cancellationToken);
        return
        [
            .. OrderingMetrics.SagaStatuses.Union(rows.Select(r => r.Status)).Select(status =>
                rows.SingleOrDefault(r => r.Status == status) is { } row
                    ? new StuckSagas(status.ToString(), row.Count, (now - (row.Oldest ?? now)).TotalSeconds)
                    : new StuckSagas(status.ToString(), 0, 0)),
        ];
    }
}
