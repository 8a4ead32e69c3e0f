using Grocery.Catalog.Caching;
using Grocery.Catalog.Domain;
using Grocery.Contracts.Inventory;
using Grocery.Messaging;
using Grocery.Persistence;

namespace Grocery.Catalog.IntegrationEvents.EventHandling;

/// <summary>
/// Keeps availability per (SKU, warehouse). The stock row's version orders its events, so an older or
/// repeated one (redelivery, a replay, reordering after a rebalance) never moves availability back; the
/// time orders only events published before versions existed (version 0), which any versioned one
/// outranks. Caches are dropped only when the state the shopper sees (in / low / out) changed.
/// </summary>
public sealed class StockLevelChangedHandler(CatalogDbContext db) : IIntegrationEventHandler<StockLevelChangedIntegrationEvent>
{
    public async Task HandleAsync(StockLevelChangedIntegrationEvent e, IntegrationEventContext context, CancellationToken ct)
    {
        // No catalog product has a SKU that does not fit the column, so there is nothing to show it on; retrying would never succeed.
        if (StoredText.Check(e.Sku, CatalogLimits.SkuMaxLength) is not null) return;
        // The shopper sees only in, low or out of stock, so a count beyond the column is kept at its largest value.
        var available = Math.Clamp(Math.Round(e.Available, CatalogLimits.AvailableScale, MidpointRounding.AwayFromZero), -CatalogLimits.MaxAvailable, CatalogLimits.MaxAvailable);
        var rows = await db.Database.SqlQueryRaw<StateChange>("""
            WITH previous AS (SELECT state FROM product_availability WHERE sku = {0} AND warehouse_id = {1}),
            upserted AS (
                INSERT INTO product_availability (sku, warehouse_id, available, state, changed_at, version)
                VALUES ({0}, {1}, {2}, {3}, {4}, {5})
                ON CONFLICT (sku, warehouse_id) DO UPDATE
                    SET available = EXCLUDED.available, state = EXCLUDED.state, changed_at = EXCLUDED.changed_at, version = EXCLUDED.version
                    WHERE (product_availability.version, product_availability.changed_at) < (EXCLUDED.version, EXCLUDED.changed_at)
                RETURNING state)
            SELECT (SELECT state FROM previous) AS "Previous", u.state AS "Current",
                   (SELECT slug FROM products WHERE sku = {0}) AS "Slug"
            FROM upserted u
            """, e.Sku, e.WarehouseId, available, (short)e.State, e.ChangedAt, e.Version).ToListAsync(ct);
        if (rows is [{ } row] && row.Previous != row.Current && row.Slug is not null)
            await CacheInvalidation.NotifyAsync(db, [CacheTags.Warehouse(e.WarehouseId), CacheTags.Slug(row.Slug)], ct);
    }

}

internal sealed class StateChange
{
    public short? Previous { get; init; }
    public short Current { get; init; }
    public string? Slug { get; init; }
}
