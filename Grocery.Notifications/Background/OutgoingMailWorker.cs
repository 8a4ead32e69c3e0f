using Grocery.Notifications.Email;
using Microsoft.Extensions.Options;

namespace Grocery.Notifications.Background;

/// <summary>Sends the mail queue on every replica; the claim keeps replicas off each other's mails.</summary>
internal sealed class OutgoingMailWorker(
    OutgoingMailSender sender, IOptions<MailQueueOptions> options, TimeProvider time, ILogger<OutgoingMailWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled) return;
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                // A full batch means more may be due: look again at once.
                while (await sender.SendDueAsync(stoppingToken) >= options.Value.BatchSize) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The mail queue could not be read; trying again at the next poll");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
