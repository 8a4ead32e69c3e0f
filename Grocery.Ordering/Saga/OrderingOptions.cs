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

    /// <summary>
    /// A packed order normally becomes ready for dispatch at once; one still packed after this (the
    /// instance stopped between the two) is resumed by the timeout worker.
    /// </summary>
    public TimeSpan PackedResumeAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Packed and still not ready for dispatch after this (the payment step keeps failing): listed as stuck.</summary>
    public TimeSpan PackedStuckAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Ready for dispatch and no carrier booked by Delivery after this: listed as stuck.</summary>
    public TimeSpan BookingStuckAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Not delivered this long after the slot ended: listed as stuck.</summary>
    public TimeSpan DeliveryStuckAfter { get; set; } = TimeSpan.FromHours(3);

    /// <summary>
    /// How often the timeout worker asks the provider about payments still pending (a card not yet confirmed,
    /// or confirmed while its webhook was lost); webhooks normally resume them first.
    /// </summary>
    public TimeSpan PaymentPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A weighed line may weigh this much more than ordered (0.10 = 10 %); lighter is charged less.</summary>
    public decimal WeighedBuffer { get; set; } = 0.10m;

    /// <summary>How long a product's GTIN, storage and aisle read from Catalog serve later checkouts; zero reads them for every order.</summary>
    public TimeSpan ShelfDetailsLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan GuestBasketLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CustomerBasketLifetime { get; set; } = TimeSpan.FromDays(90);
}
