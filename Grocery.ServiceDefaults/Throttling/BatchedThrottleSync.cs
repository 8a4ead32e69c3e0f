using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grocery.ServiceDefaults.Throttling;

/// <summary>Shares this replica's counts of the <see cref="BatchedRequestThrottle"/> through Redis every interval.</summary>
internal sealed class BatchedThrottleSync(BatchedRequestThrottle throttle, TimeSpan interval, TimeProvider time, ILogger<BatchedThrottleSync> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await throttle.SyncAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sharing rate-limit counts failed; retrying at the next tick");
            }
        }
    }
}

public static class BatchedThrottleExtensions
{
    /// <summary>Registers the <see cref="BatchedRequestThrottle"/> and the background sync that shares its counts every <paramref name="syncInterval"/>.</summary>
    public static IServiceCollection AddBatchedRequestThrottle(this IServiceCollection services, TimeSpan syncInterval)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BatchedRequestThrottle>();
        services.AddHostedService(sp => new BatchedThrottleSync(sp.GetRequiredService<BatchedRequestThrottle>(), syncInterval,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BatchedThrottleSync>>()));
        return services;
    }
}
