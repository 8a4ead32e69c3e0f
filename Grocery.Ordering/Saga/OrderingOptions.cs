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

    /// <summary>Off only to observe stuck sagas (ops drills, tests); every replica runs it otherwise.</summary>
    public bool TimeoutWorkerEnabled { get; set; } = true;

    public int TimeoutSweepBatchSize { get; set; } = 100;

    public TimeSpan GuestBasketLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CustomerBasketLifetime { get; set; } = TimeSpan.FromDays(90);
}
