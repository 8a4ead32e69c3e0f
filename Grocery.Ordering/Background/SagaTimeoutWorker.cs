using Grocery.Ordering.Saga;
using Microsoft.Extensions.Options;

namespace Grocery.Ordering.Background;

/// <summary>
/// Cancels sagas that passed their deadline (a reply lost, a peer down) so nothing stays held. Runs on
/// every replica; optimistic concurrency lets exactly one of them cancel a given order.
/// </summary>
internal sealed class SagaTimeoutWorker(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<OrderingOptions> options,
    ILogger<SagaTimeoutWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TimeoutWorkerEnabled) return;
        using var timer = new PeriodicTimer(options.Value.TimeoutSweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Saga timeout sweep failed; retrying at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders
                .Where(o => o.Deadline <= now && (o.Status == OrderStatus.Placed || o.Status == OrderStatus.AwaitingPayment))
                .OrderBy(o => o.Deadline).Select(o => o.Id).Take(options.Value.TimeoutSweepBatchSize)
                .ToListAsync(cancellationToken);
        }
        var cancelled = 0;
        foreach (var id in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
            var order = await db.Orders.SingleAsync(o => o.Id == id, cancellationToken);
            if (!order.IsPastDeadline(time.GetUtcNow())) continue;
            await scope.ServiceProvider.GetRequiredService<OrderSaga>().CancelAsync(order, OrderCancellationReason.Timeout, null, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                cancelled++;
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogInformation("Order {OrderId} changed while timing out; it is looked at again next sweep", id);
            }
        }
        return cancelled;
    }
}
