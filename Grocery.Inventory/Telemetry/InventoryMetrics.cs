using System.Diagnostics.Metrics;
using Npgsql;

namespace Grocery.Inventory.Telemetry;

/// <summary>
/// The "Grocery.Inventory" meter that the low-stock and expiry alerts read: per warehouse, the SKUs
/// that are low or out (the rule of <see cref="Domain.StockLevel"/>) and the lots that reach their
/// best-before date soon. The gauges show what a background refresher last read, so a scrape never
/// queries the database.
/// </summary>
public static class InventoryMetrics
{
    public const string MeterName = "Grocery.Inventory";

    /// <summary>The database is read at most this often, whatever the scrape interval.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>A lot is expiring soon when its best-before date is at most this many days after today in its warehouse.</summary>
    public const int ExpiringSoonDays = 2;

    public static IHostApplicationBuilder AddInventoryMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InventoryMeter>();
        builder.Services.AddHostedService<WarehouseStockRefresher>();
        return builder;
    }
}

internal sealed record WarehouseStock(string Warehouse, long Low, long Out, long ExpiringSoon);

internal sealed class InventoryMeter
{
    private volatile IReadOnlyList<WarehouseStock> _warehouses = [];

    public InventoryMeter(IMeterFactory meters)
    {
        var meter = meters.Create(InventoryMetrics.MeterName);
        meter.CreateObservableGauge("grocery.inventory.stock.low",
            () => _warehouses.Select(w => new Measurement<long>(w.Low, Tag(w))),
            "{sku}", "SKUs whose available quantity is above zero and at or below their low-stock threshold.");
        meter.CreateObservableGauge("grocery.inventory.stock.out",
            () => _warehouses.Select(w => new Measurement<long>(w.Out, Tag(w))),
            "{sku}", "SKUs with nothing available.");
        meter.CreateObservableGauge("grocery.inventory.lots.expiring",
            () => _warehouses.Select(w => new Measurement<long>(w.ExpiringSoon, Tag(w))),
            "{lot}", $"Lots with stock left whose best-before date is within {InventoryMetrics.ExpiringSoonDays} days in the warehouse's time zone.");
    }

    public void Report(IReadOnlyList<WarehouseStock> warehouses) => _warehouses = warehouses;

    private static KeyValuePair<string, object?> Tag(WarehouseStock w) => new("warehouse", w.Warehouse);
}

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
