using Grocery.Contracts;
using Grocery.Contracts.Inventory;

namespace Grocery.Web.Shopping;

/// <summary>
/// The latest stock state per warehouse and SKU that this replica has heard of, and the open product pages
/// watching one. Every replica receives every <see cref="StockLevelChangedIntegrationEvent"/> (a broadcast),
/// so whichever replica holds a shopper's circuit can push the change to it.
/// </summary>
public sealed class LiveStock
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid WarehouseId, string Sku), Level> _levels = [];

    private sealed class Level
    {
        public StockState? State;
        public long Version;
        public DateTimeOffset ChangedAt;
        public Action<StockState>[] Watchers = [];
    }

    /// <summary>The state last heard for the SKU at the warehouse, or null when none arrived since this replica started.</summary>
    public StockState? Current(Guid warehouseId, string sku)
    {
        lock (_gate) return _levels.TryGetValue((warehouseId, sku), out var level) ? level.State : null;
    }

    /// <summary>
    /// Calls <paramref name="changed"/> (on the consumer's thread) whenever the state changes, until disposed. Inventory
    /// reports every change of the count, but a page shows only in, low or out: an event that leaves the state as it
    /// was calls nobody.
    /// </summary>
    public IDisposable Watch(Guid warehouseId, string sku, Action<StockState> changed)
    {
        var key = (warehouseId, sku);
        lock (_gate)
        {
            var level = _levels.TryGetValue(key, out var known) ? known : _levels[key] = new Level();
            level.Watchers = [.. level.Watchers, changed];
        }
        return new Watcher(this, key, changed);
    }

    public void Apply(StockLevelChangedIntegrationEvent change)
    {
        Action<StockState>[] watchers;
        lock (_gate)
        {
            var key = (change.WarehouseId, change.Sku);
            if (!_levels.TryGetValue(key, out var level)) level = _levels[key] = new Level();
            // Events of a SKU share a partition, so they arrive in order; this only guards a replayed old one.
            // The row's version decides; the time only orders events published before versions existed.
            if (level.State is not null && (change.Version, change.ChangedAt).CompareTo((level.Version, level.ChangedAt)) < 0) return;
            var shown = level.State != change.State;
            level.State = change.State;
            level.Version = change.Version;
            level.ChangedAt = change.ChangedAt;
            if (!shown) return;
            watchers = level.Watchers;
        }
        foreach (var watcher in watchers) watcher(change.State);
    }

    private void Unwatch((Guid, string) key, Action<StockState> changed)
    {
        lock (_gate)
        {
            if (!_levels.TryGetValue(key, out var level)) return;
            level.Watchers = [.. level.Watchers.Where(w => w != changed)];
        }
    }

    private sealed class Watcher(LiveStock stock, (Guid, string) key, Action<StockState> changed) : IDisposable
    {
        public void Dispose() => stock.Unwatch(key, changed);
    }

    /// <summary>The storefront's availability word, as Catalog spells it.</summary>
    public static string Availability(StockState state) => state switch
    {
        StockState.In => "in_stock",
        StockState.Low => "low_stock",
        _ => "out_of_stock",
    };
}
