using Grocery.Contracts.Delivery;

namespace Grocery.Web.Shopping;

/// <summary>A slot's places as Delivery last announced them.</summary>
public sealed record SlotAvailability(Guid SlotId, Guid ZoneId, int Capacity, int Remaining, bool Closed);

/// <summary>
/// The latest availability per delivery slot that this replica has heard of, and the open slot pickers watching a
/// zone. Every replica receives every <see cref="SlotAvailabilityChangedIntegrationEvent"/> (a broadcast), so
/// whichever replica holds a shopper's circuit can push the change to it.
/// </summary>
public sealed class LiveSlots
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (SlotAvailability State, long Version)> _slots = [];
    private readonly Dictionary<Guid, Action<SlotAvailability>[]> _watchers = [];

    /// <summary>The availability last heard for the slot, or null when none arrived since this replica started.</summary>
    public SlotAvailability? Current(Guid slotId)
    {
        lock (_gate) return _slots.TryGetValue(slotId, out var known) ? known.State : null;
    }

    /// <summary>Calls <paramref name="changed"/> (on the consumer's thread) with every later change in the zone, until disposed.</summary>
    public IDisposable Watch(Guid zoneId, Action<SlotAvailability> changed)
    {
        lock (_gate) _watchers[zoneId] = [.. _watchers.GetValueOrDefault(zoneId) ?? [], changed];
        return new Watcher(this, zoneId, changed);
    }

    /// <summary>
    /// Keeps the change and tells the zone's watchers, unless a later one for the slot was heard already: <paramref name="version"/> is the slot row's version,
    /// raised by Delivery on every change, so a redelivered or replayed old event never overwrites a newer state.
    /// </summary>
    public bool Apply(SlotAvailabilityChangedIntegrationEvent change, long version)
    {
        var state = new SlotAvailability(change.SlotId, change.ZoneId, change.Capacity, change.Remaining, change.Closed);
        Action<SlotAvailability>[] watchers;
        lock (_gate)
        {
            if (_slots.TryGetValue(change.SlotId, out var known) && version <= known.Version) return false;
            _slots[change.SlotId] = (state, version);
            watchers = _watchers.GetValueOrDefault(change.ZoneId) ?? [];
        }
        foreach (var watcher in watchers) watcher(state);
        return true;
    }

    private void Unwatch(Guid zoneId, Action<SlotAvailability> changed)
    {
        lock (_gate)
        {
            if (!_watchers.TryGetValue(zoneId, out var watchers)) return;
            var left = watchers.Where(w => w != changed).ToArray();
            if (left.Length == 0) _watchers.Remove(zoneId);
            else _watchers[zoneId] = left;
        }
    }

    private sealed class Watcher(LiveSlots slots, Guid zoneId, Action<SlotAvailability> changed) : IDisposable
    {
        public void Dispose() => slots.Unwatch(zoneId, changed);
    }
}
