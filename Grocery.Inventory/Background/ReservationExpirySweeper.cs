using Grocery.Inventory.Stock;
using Microsoft.Extensions.Options;

namespace Grocery.Inventory.Background;

/// <summary>
/// Releases pending reservations past their hold and confirmed ones past slot end plus grace.
/// Replicas share the work: each batch takes its reservations with FOR UPDATE SKIP LOCKED.
/// </summary>
public sealed class ReservationExpirySweeper(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<InventoryOptions> options,
    ILogger<ReservationExpirySweeper> logger) : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.SweeperEnabled;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    protected override TimeSpan DelayAfterRun(DateTimeOffset now) => options.Value.SweepInterval;

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var stock = scope.ServiceProvider.GetRequiredService<StockService>();
            var released = await stock.ExpireReservationsAsync(cancellationToken);
            total += released;
            if (released < options.Value.SweepBatchSize) break;
        }
        if (total > 0) logger.LogInformation("Released {Count} expired reservations", total);
        return total;
    }
}
