namespace Grocery.Inventory.Stock;

/// <summary>Bound from the "Inventory" configuration section.</summary>
public sealed class InventoryOptions
{
    /// <summary>How long a pending reservation holds stock; must stay shorter than a delivery slot hold (60 minutes).</summary>
    public TimeSpan PendingReservationLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A confirmed reservation lasts until its slot window ends plus this.</summary>
    public TimeSpan ConfirmedGracePeriod { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public int SweepBatchSize { get; set; } = 200;

    /// <summary>UTC time of day the lot expiry job runs (17:05 UTC is 00:05 in Ho Chi Minh City).</summary>
    public TimeSpan LotExpiryRunAtUtc { get; set; } = new(17, 5, 0);

    public int LotExpiryBatchSize { get; set; } = 200;

    public bool SweeperEnabled { get; set; } = true;

    /// <summary>How often marked stock level changes are published: at most one StockLevelChanged per SKU and warehouse per interval.</summary>
    public TimeSpan StockLevelPublishInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int StockLevelBatchSize { get; set; } = 100;

    public bool StockLevelPublisherEnabled { get; set; } = true;

    public bool LotExpiryEnabled { get; set; } = true;

    /// <summary>Reservations in one call of the reserve function (the HTTP path batches what arrives while a call runs).</summary>
    public int ReservationBatchSize { get; set; } = 64;

    /// <summary>Calls of the reserve function in flight at once, each on its own connection.</summary>
    public int ReservationLanes { get; set; } = 2;

    /// <summary>Reservations waiting for a lane before callers are held back.</summary>
    public int ReservationQueueCapacity { get; set; } = 4096;

    public static readonly TimeSpan SlotHold = TimeSpan.FromMinutes(60);
}
