using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Messaging.TestWorker;

public sealed class CounterIncrementedHandler(TestDbContext db, HandlerFaults faults, TimeProvider timeProvider)
    : IIntegrationEventHandler<CounterIncrementedIntegrationEvent>
{
    public async Task HandleAsync(CounterIncrementedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (faults.FailingKeys.ContainsKey(@event.Key))
            throw new InvalidOperationException($"Handler refuses key {@event.Key}.");
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO counters (name, value) VALUES ({@event.Counter}, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1",
            cancellationToken);
        db.HandledMessages.Add(new HandledMessage
        {
            Key = @event.Key,
            Sequence = @event.Sequence,
            MessageId = context.MessageId,
            TraceId = Activity.Current?.TraceId.ToHexString(),
            CorrelationId = context.CorrelationId,
            PublishedAt = context.Time,
            HandledAt = timeProvider.GetUtcNow(),
        });
    }
}
