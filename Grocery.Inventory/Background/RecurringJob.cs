namespace Grocery.Inventory.Background;

/// <summary>
/// Runs a job, waits, and runs it again until the host stops. A failed run is logged and the job
/// tries again at its next run, so one bad round (a database blip) never ends the loop.
/// </summary>
public abstract class RecurringJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract bool Enabled { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected abstract TimeSpan DelayAfterRun(DateTimeOffset now);

    /// <summary>Waits before the next run: <see cref="DelayAfterRun"/> unless the job wakes on something else.</summary>
    protected virtual Task WaitForNextRunAsync(DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        Task.Delay(DelayAfterRun(Time.GetUtcNow()), Time, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = Time.GetUtcNow();
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Job} failed; retrying at its next run", GetType().Name);
            }
            try
            {
                await WaitForNextRunAsync(startedAt, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
