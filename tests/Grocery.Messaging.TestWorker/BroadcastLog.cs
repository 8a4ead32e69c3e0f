using System.Collections.Concurrent;

namespace Grocery.Messaging.TestWorker;

/// <summary>What one replica received through its broadcast subscription (singleton per host).</summary>
public sealed class BroadcastLog
{
    public ConcurrentQueue<string> Counters { get; } = new();
}
