using Grocery.Inventory.Background;
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
