using Grocery.Contracts;

namespace Grocery.Messaging.TestWorker;

/// <summary>Test event: the handler increments the counter named by Counter and logs Key/Sequence.</summary>
public sealed record CounterIncrementedIntegrationEvent(string Key, int Sequence, string Counter) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => Key;
}
