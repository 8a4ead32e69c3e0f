using Confluent.Kafka;

namespace Grocery.Messaging.Consuming;

/// <summary>
/// Lanes finish messages out of order; a partition's offset may only be committed up to its
/// oldest unfinished message, so a crash never skips one.
/// </summary>
internal sealed class PartitionOffsetTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];
    private int _nextEpoch;

    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions) _partitions[partition] = new PartitionState(++_nextEpoch);
        }
    }

    public void Revoke(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions) _partitions.Remove(partition);
        }
    }

    /// <summary>Records a consumed offset; returns its epoch, or -1 when the partition is not assigned.</summary>
    public int Track(TopicPartition partition, long offset)
    {
        lock (_lock)
        {
            if (!_partitions.TryGetValue(partition, out var state)) return -1;
            state.Pending.Add(offset);
            state.Next = Math.Max(state.Next, offset + 1);
            return state.Epoch;
        }
    }

    public bool IsCurrent(TopicPartition partition, int epoch)
    {
        lock (_lock) return _partitions.TryGetValue(partition, out var state) && state.Epoch == epoch;
    }

    public void Complete(TopicPartition partition, long offset, int epoch)
    {
        lock (_lock)
        {
            if (_partitions.TryGetValue(partition, out var state) && state.Epoch == epoch) state.Pending.Remove(offset);
        }
    }

    public List<TopicPartitionOffset> TakeCommittable(IEnumerable<TopicPartition>? only = null)
    {
        lock (_lock)
        {
            var result = new List<TopicPartitionOffset>();
            foreach (var (partition, state) in _partitions)
            {
                if (only is not null && !only.Contains(partition)) continue;
                var committable = state.Pending.Count > 0 ? state.Pending.Min : state.Next;
                if (committable <= state.Committed) continue;
                state.Committed = committable;
                result.Add(new TopicPartitionOffset(partition, committable));
            }
            return result;
        }
    }

    public IReadOnlyList<TopicPartition> Assigned
    {
        get { lock (_lock) return _partitions.Keys.ToList(); }
    }

    private sealed class PartitionState(int epoch)
    {
        public int Epoch { get; } = epoch;
        public SortedSet<long> Pending { get; } = [];
        public long Next { get; set; } = -1;
        public long Committed { get; set; } = -1;
    }
}
