using Grocery.Inventory.Apis;
using Grocery.Inventory.Telemetry;
using Npgsql;

namespace Grocery.Inventory.Stock;

/// <summary>
/// Per warehouse, how many SKUs are low or out (the rule of <see cref="Domain.StockLevel"/>) and how many lots reach
/// their best-before date soon, with the SKUs closest to running out: the figures the stock alerts watch, for ops.
/// </summary>
public static class LowStockSummary
{
    public const int DefaultShown = 5;
    public const int MaxShown = 50;

    private const string CountsSql = """
        SELECT w.id AS "WarehouseId", w.code AS "Code", w.name AS "Name",
               coalesce(s.low, 0)::int AS "Low", coalesce(s.out, 0)::int AS "Out", coalesce(l.expiring, 0)::int AS "ExpiringSoon"
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

    // Out before low, then the least available; ties by SKU so the list is stable between refreshes.
    private const string LowestSql = """
        SELECT "WarehouseId", "Sku", "Available", "Threshold" FROM (
            SELECT warehouse_id AS "WarehouseId", sku AS "Sku", on_hand - reserved AS "Available", low_threshold AS "Threshold",
                   row_number() OVER (PARTITION BY warehouse_id ORDER BY on_hand - reserved, sku) AS rank
            FROM stock_items WHERE on_hand - reserved <= low_threshold) ranked
        WHERE rank <= @shown
        ORDER BY "WarehouseId", rank
        """;

    public static async Task<IReadOnlyList<WarehouseLowStock>> ReadAsync(InventoryDbContext db, DateTimeOffset now, int shown, CancellationToken cancellationToken)
    {
        var counts = await db.Database.SqlQueryRaw<WarehouseCounts>(CountsSql,
                new NpgsqlParameter("now", now), new NpgsqlParameter("days", InventoryMetrics.ExpiringSoonDays))
            .ToListAsync(cancellationToken);
        var lowest = (await db.Database.SqlQueryRaw<RankedItem>(LowestSql, new NpgsqlParameter("shown", shown)).ToListAsync(cancellationToken))
            .ToLookup(i => i.WarehouseId);
        return [.. counts.Select(c => new WarehouseLowStock(c.WarehouseId, c.Code, c.Name, c.Low, c.Out, c.ExpiringSoon,
            [.. lowest[c.WarehouseId].Select(i => new LowStockItem(i.Sku, i.Available, i.Threshold))]))];
    }

    private sealed record WarehouseCounts(Guid WarehouseId, string Code, string Name, int Low, int Out, int ExpiringSoon);

    private sealed record RankedItem(Guid WarehouseId, string Sku, decimal Available, decimal Threshold);
}
