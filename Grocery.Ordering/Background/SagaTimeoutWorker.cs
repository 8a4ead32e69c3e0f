using Grocery.Ordering.Picking;
using Grocery.Ordering.Saga;
using Microsoft.Extensions.Options;

namespace Grocery.Ordering.Background;

/// <summary>
/// Cancels sagas that passed their deadline (a reply lost, a peer down) so nothing stays held, and resumes
/// packed orders whose payment step did not run. Runs on every replica; optimistic concurrency lets exactly
/// one of them advance a given order.
/// </summary>
internal sealed class SagaTimeoutWorker(
    IServiceScopeFactory scopes,
    OrderStepRunner runner,
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
        var packedBefore = now - options.Value.PackedResumeAfter;
        List<Guid> due, packed;
        using (var scope = scopes.CreateScope())
        {
            var orders = scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders;
            due = await orders
                .Where(o => o.Deadline <= now && (o.Status == OrderStatus.Placed || o.Status == OrderStatus.AwaitingPayment))
                .OrderBy(o => o.Deadline).Select(o => o.Id).Take(options.Value.TimeoutSweepBatchSize)
                .ToListAsync(cancellationToken);
            packed = await orders
                .Where(o => o.Status == OrderStatus.Packed && o.PackedAt <= packedBefore)
                .OrderBy(o => o.PackedAt).Select(o => o.Id).Take(options.Value.TimeoutSweepBatchSize)
                .ToListAsync(cancellationToken);
        }
        var advanced = 0;
        foreach (var id in due)
        {
            var cancelled = await TryAsync(id, () => runner.RunAsync(id, async (order, services, ct) =>
            {
                if (order is null || !order.IsPastDeadline(time.GetUtcNow())) return false;
                await services.GetRequiredService<OrderSaga>().CancelAsync(order, OrderCancellationReason.Timeout, null, ct);
                return true;
            }, cancellationToken));
            if (cancelled) advanced++;
        }
        // An instance stopped between packing and the payment step: the step resumes here, once per order.
        foreach (var id in packed)
            if (await TryAsync(id, () => runner.RunAsync(id, PackingSteps.ReadyForDispatchAsync, cancellationToken)))
                advanced++;
        return advanced;
    }

    private async Task<bool> TryAsync(Guid id, Func<Task<bool>> step)
    {
        try
        {
            return await step();
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Order {OrderId} kept changing during the sweep; it is looked at again next sweep", id);
            return false;
        }
    }
}
