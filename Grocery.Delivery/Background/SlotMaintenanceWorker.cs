using Grocery.Delivery.Slots;
using Microsoft.Extensions.Options;

namespace Grocery.Delivery.Background;

/// <summary>Runs the calendar generator, the hold sweeper and the availability publisher on their intervals.</summary>
public sealed class SlotMaintenanceWorker(
    SlotCalendarGenerator calendar,
    HoldExpirySweeper sweeper,
    SlotAvailabilityPublisher availability,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<SlotMaintenanceWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundJobsEnabled) return Task.CompletedTask;
        return Task.WhenAll(
            RepeatAsync("calendar", options.Value.CalendarInterval, ct => calendar.GenerateAsync(ct), stoppingToken),
            RepeatAsync("hold sweep", options.Value.SweepInterval, sweeper.SweepAsync, stoppingToken),
            RepeatAsync("availability", options.Value.AvailabilityPublishInterval, availability.PublishAsync, stoppingToken));
    }

    private async Task RepeatAsync(string job, TimeSpan interval, Func<CancellationToken, Task<int>> run, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await run(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Slot maintenance job {Job} failed; it runs again in {Interval}", job, interval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
