using Grocery.Inventory.Stock;
using Microsoft.Extensions.Options;

namespace Grocery.Inventory.Background;

/// <summary>
/// Once a day (and once at start-up, to catch up after downtime) writes off every lot whose
/// best-before date has passed in its warehouse's time zone, through the ledger.
/// </summary>
public sealed class LotExpiryJob(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<InventoryOptions> options,
    ILogger<LotExpiryJob> logger) : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.LotExpiryEnabled;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    protected override TimeSpan DelayAfterRun(DateTimeOffset now) => UntilNextRun(now, options.Value.LotExpiryRunAtUtc);

    public static TimeSpan UntilNextRun(DateTimeOffset now, TimeSpan runAtUtc)
    {
        var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + runAtUtc;
        if (next <= now) next = next.AddDays(1);
        return next - now;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var stock = scope.ServiceProvider.GetRequiredService<StockService>();
            var expired = await stock.ExpireLotsAsync(cancellationToken);
            total += expired;
            if (expired < options.Value.LotExpiryBatchSize) break;
        }
        if (total > 0) logger.LogInformation("Wrote off {Count} lots past best-before", total);
        return total;
    }
}
