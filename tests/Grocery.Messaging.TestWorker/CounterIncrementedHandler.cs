using System.Diagnostics;
using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Messaging.TestWorker;

public sealed class CounterIncrementedHandler(TestDbContext db, IIntegrationEventOutbox outbox, HandlerFaults faults, TimeProvider timeProvider)
    : IIntegrationEventHandler<CounterIncrementedIntegrationEvent>
{
    public const string FollowUpPrefix = "follow:";

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
        // "follow:<counter>" asks for a follow-up event, published from inside the handler.
        if (@event.Counter.StartsWith(FollowUpPrefix, StringComparison.Ordinal))
            outbox.Add(new CounterIncrementedIntegrationEvent(@event.Key, @event.Sequence + 1, @event.Counter[FollowUpPrefix.Length..]));
    }
}
