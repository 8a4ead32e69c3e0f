using System.Collections.Concurrent;

namespace Grocery.Messaging.TestWorker;

/// <summary>Keys whose messages make the handler throw (singleton per host).</summary>
public sealed class HandlerFaults
{
    public ConcurrentDictionary<string, bool> FailingKeys { get; } = new();
}
