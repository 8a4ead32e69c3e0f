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
    private DateTimeOffset _lastPaymentPoll = DateTimeOffset.MinValue;

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
        var advanced = await PollPendingPaymentsAsync(now, cancellationToken) + await AuthoriseSavedCardsAsync(now, cancellationToken);
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

    /// <summary>A payment whose webhook never came is settled by asking the provider (PaymentSteps decides from its answer).</summary>
    private async Task<int> PollPendingPaymentsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _lastPaymentPoll < options.Value.PaymentPollInterval) return 0;
        _lastPaymentPoll = now;
        List<Guid> pending;
        using (var scope = scopes.CreateScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders
                .Where(o => o.Status == OrderStatus.AwaitingPayment && o.Payment == StepStatus.Pending && o.PaymentMethod != PaymentMethod.CashOnDelivery)
                .OrderBy(o => o.Deadline).Select(o => o.Id).Take(options.Value.TimeoutSweepBatchSize)
                .ToListAsync(cancellationToken);
        }
        var settled = 0;
        foreach (var id in pending)
        {
            try
            {
                if (await TryAsync(id, () => runner.RunAsync(id, PaymentSteps.ResumeAsync, cancellationToken))) settled++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Order {OrderId}: polling its payment failed; asked again at the next poll", id);
            }
        }
        return settled;
    }

    /// <summary>Cards saved for slots far ahead whose off-session authorisation is due at <paramref name="now"/>; returns how many were settled.</summary>
    public async Task<int> AuthoriseSavedCardsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders
                .Where(o => o.AuthoriseAt <= now && o.Status == OrderStatus.Confirmed)
                .OrderBy(o => o.AuthoriseAt).Select(o => o.Id).Take(options.Value.TimeoutSweepBatchSize)
                .ToListAsync(cancellationToken);
        }
        var settled = 0;
        foreach (var id in due)
        {
            try
            {
                if (await TryAsync(id, () => runner.RunAsync(id, PaymentSteps.AuthoriseSavedCard(now), cancellationToken))) settled++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Order {OrderId}: authorising its saved card failed; tried again at the next sweep", id);
            }
        }
        return settled;
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
