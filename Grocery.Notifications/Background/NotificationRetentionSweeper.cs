using Grocery.Notifications.Notifying;
using Microsoft.Extensions.Options;

namespace Grocery.Notifications.Background;

/// <summary>
/// Forgets what is older than the retention: notifications (their queued mails go with them, by the
/// foreign key) and the order map.
/// </summary>
internal sealed class NotificationRetentionSweeper(
    IServiceScopeFactory scopes, IOptions<NotificationsOptions> options, TimeProvider time, ILogger<NotificationRetentionSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundJobsEnabled) return;
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Notification retention sweep failed; trying again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var removed = await db.Notifications.Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        removed += await db.Orders.Where(o => o.PlacedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }
}
