namespace Grocery.Messaging.TestWorker;

public sealed class RecordingBroadcastHandler(BroadcastLog log) : IIntegrationEventHandler<CounterIncrementedIntegrationEvent>
{
    public Task HandleAsync(CounterIncrementedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        log.Counters.Enqueue(@event.Counter);
        return Task.CompletedTask;
    }
}
