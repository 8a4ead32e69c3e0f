namespace Grocery.Ordering.Saga;

/// <summary>Bound from the "Ordering" configuration section.</summary>
public sealed class OrderingOptions
{
    /// <summary>
    /// How long the saga may take from checkout to confirmation. It must stay below the pending
    /// stock reservation and slot hold lifetimes; the saga also never waits past either hold.
    /// </summary>
    public TimeSpan SagaTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan TimeoutSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int TimeoutSweepBatchSize { get; set; } = 100;

    public TimeSpan GuestBasketLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CustomerBasketLifetime { get; set; } = TimeSpan.FromDays(90);
}
