namespace Grocery.Messaging;

internal static class Backoff
{
    // 2^62 ticks is about 146,000 years: no cap worth having lies beyond it.
    private const int MaxExponent = 62;

    /// <summary>
    /// baseDelay·2^(attempt−1), capped at maxDelay, then scaled by "equal jitter": half the delay is
    /// fixed and half is <paramref name="jitter"/> (0..1) of it, so many retrying processes spread
    /// out but none retries at once. Computed in doubles and clamped before it becomes a TimeSpan,
    /// so any attempt count (int.MaxValue after weeks of failures) gives a delay in [0, maxDelay].
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        if (maxDelay <= TimeSpan.Zero || baseDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        var exponent = Math.Clamp((long)attempt - 1, 0, MaxExponent);
        var ceiling = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        var ticks = ceiling / 2 * (1 + Math.Clamp(double.IsNaN(jitter) ? 1 : jitter, 0, 1));
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
