namespace Grocery.Messaging.Tests;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    public static TheoryData<int> Attempts() => [.. Enumerable.Range(-2, 130), 1_000, 1 << 20, int.MaxValue - 1, int.MaxValue, int.MinValue];

    [Theory]
    [MemberData(nameof(Attempts))]
    public void The_back_off_stays_between_zero_and_the_cap_for_any_attempt_count(int attempt)
    {
        foreach (var jitter in new[] { 0, 0.25, 0.5, 0.999, 1, double.NaN, -1, 2 })
            Assert.InRange(Backoff.Delay(attempt, Base, Cap, jitter), TimeSpan.Zero, Cap);
        Assert.InRange(new EventBusOptions { RelayRetryMaxDelay = Cap }.RelayRetryDelay(attempt), TimeSpan.Zero, Cap);
        Assert.InRange(new EventBusOptions().RetryDelay(attempt), TimeSpan.Zero, new EventBusOptions().RetryMaxDelay);
    }

    [Fact]
    public void The_back_off_doubles_from_the_base_delay_until_the_cap_and_stays_there()
    {
        Assert.Equal(
            [200, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000],
            Enumerable.Range(0, 11).Select(a => Backoff.Delay(a, Base, Cap, jitter: 1).TotalMilliseconds));
        Assert.Equal(Cap, Backoff.Delay(int.MaxValue, Base, Cap, jitter: 1));
        Assert.Equal(Cap / 2, Backoff.Delay(int.MaxValue, Base, Cap, jitter: 0));
        Assert.Equal(TimeSpan.FromMilliseconds(300), Backoff.Delay(2, Base, Cap, jitter: 0.5));
    }

    [Fact]
    public void Extreme_delays_and_attempt_counts_do_not_overflow()
    {
        Assert.Equal(TimeSpan.MaxValue, Backoff.Delay(int.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue, jitter: 1));
        Assert.Equal(TimeSpan.FromTicks(1L << 62), Backoff.Delay(int.MaxValue, TimeSpan.FromTicks(1), TimeSpan.MaxValue, jitter: 1));
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(int.MaxValue, Base, TimeSpan.Zero, jitter: 1));
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(int.MaxValue, TimeSpan.Zero, Cap, jitter: 1));
        // The relay used to overflow TimeSpan here (200 ms · 2^43 and beyond) and stop publishing.
        Assert.Equal(TimeSpan.FromSeconds(10), new EventBusOptions().RetryDelay(44));
    }

    [Fact]
    public void The_relay_waits_at_most_thirty_seconds_by_default()
    {
        var options = new EventBusOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), options.RelayRetryMaxDelay);
        var delays = Enumerable.Range(0, 200).Select(_ => options.RelayRetryDelay(int.MaxValue)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)));
    }
}
