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
    ILogger<ReservationExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SweeperEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reservation sweep failed; retrying at the next interval");
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

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
