using System.Diagnostics.Metrics;
using Npgsql;
using Grocery.Inventory.Telemetry;

namespace Grocery.Inventory.Background;

internal sealed class WarehouseStockRefresher(
    IServiceScopeFactory scopes,
    InventoryMeter meter,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<WarehouseStockRefresher> logger) : BackgroundService
{
    // One pass over stock_items and the lots with stock left; every warehouse appears, at zero if need be,
    // so an alert compares against a series instead of an absent one.
    private const string Sql = """
        SELECT w.code AS "Warehouse",
               coalesce(s.low, 0) AS "Low",
               coalesce(s.out, 0) AS "Out",
               coalesce(l.expiring, 0) AS "ExpiringSoon"
        FROM warehouses w
        LEFT JOIN (
            SELECT warehouse_id,
                   count(*) FILTER (WHERE on_hand - reserved > 0 AND on_hand - reserved <= low_threshold) AS low,
                   count(*) FILTER (WHERE on_hand - reserved <= 0) AS out
            FROM stock_items GROUP BY warehouse_id) s ON s.warehouse_id = w.id
        LEFT JOIN (
            SELECT l.warehouse_id, count(*) AS expiring
            FROM lots l JOIN warehouses lw ON lw.id = l.warehouse_id
            WHERE l.quantity > 0 AND l.best_before IS NOT NULL
              AND l.best_before <= (@now AT TIME ZONE lw.time_zone)::date + @days
            GROUP BY l.warehouse_id) l ON l.warehouse_id = w.id
        ORDER BY w.code
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Inventory:MetricsRefreshInterval", InventoryMetrics.DefaultRefreshInterval);
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
                logger.LogWarning(e, "Reading stock levels for the metrics failed; retrying at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<IReadOnlyList<WarehouseStock>> ReadAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        return await db.Database.SqlQueryRaw<WarehouseStock>(Sql,
                new NpgsqlParameter("now", time.GetUtcNow()),
                new NpgsqlParameter("days", InventoryMetrics.ExpiringSoonDays))
            .ToListAsync(cancellationToken);
    }
}
