namespace Grocery.Notifications.Email;

/// <summary>
/// How queued mails are sent, bound from "Notifications:Mail". The defaults ride out a relay outage of
/// about three hours (30 s, 1 min, 2 min … capped at 1 h) before a mail is parked for an admin.
/// </summary>
public sealed class MailQueueOptions
{
    public const string SectionName = "Notifications:Mail";

    /// <summary>Send attempts before a mail is parked.</summary>
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the sender looks for due mails (a queued mail waits at most this long).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Mails one pass sends before it looks again, so a long backlog does not starve shutdown.</summary>
    public int BatchSize { get; set; } = 50;

    public bool SenderEnabled { get; set; } = true;

    /// <summary>
    /// baseDelay·2^(attempt−1) capped at the maximum, half of it fixed and half random, so replicas
    /// retrying after the same outage spread out.
    /// </summary>
    public TimeSpan RetryDelay(int attempt, double jitter)
    {
        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        var ceiling = Math.Min(RetryMaxDelay.Ticks, RetryBaseDelay.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 62)));
        return TimeSpan.FromTicks((long)(ceiling / 2 * (1 + Math.Clamp(jitter, 0, 1))));
    }
}
