using Grocery.Messaging.TestWorker;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Messaging.Bench;

/// <summary>A realistic small effect (one upsert in the inbox transaction) plus the latency sample.</summary>
public sealed class BenchHandler(TestDbContext db, LatencyRecorder recorder, TimeProvider timeProvider)
    : IIntegrationEventHandler<CounterIncrementedIntegrationEvent>
{
    public async Task HandleAsync(CounterIncrementedIntegrationEvent @event, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO counters (name, value) VALUES ({@event.Counter}, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1",
            cancellationToken);
        recorder.Record(context.Time, timeProvider.GetUtcNow());
    }
}
