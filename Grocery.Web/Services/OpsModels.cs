namespace Grocery.Web.Services;

/// <summary>An order whose saga has not finished in time: <see cref="Step"/> is where it waits, <see cref="Age"/> since it was placed.</summary>
public sealed record StuckOrder(
    Guid Id, string Status, string Stock, string Slot, string Payment, DateTimeOffset PlacedAt, DateTimeOffset? Deadline, string Step, TimeSpan Age);

/// <summary>
/// A message a service could not handle; later messages of its key wait behind it (<see cref="ParkedBehind"/>). Its status and
/// source are left out: not every service writes enums as names, and the overview asks for pending ones only.
/// </summary>
public sealed record DeadLetter(
    long Id, string Topic, int Partition, long Offset, string Key, string MessageId, string? Type, string Error, int Attempts,
    DateTimeOffset DeadLetteredAt, int ParkedBehind);

/// <summary>One service's pending dead letters, or why they could not be read.</summary>
public sealed record ServiceDeadLetters(string Service, IReadOnlyList<DeadLetter>? Pending, string? Error);

/// <summary>Orders placed per UTC hour and how their sagas have ended so far, from Ordering's ops metrics.</summary>
public sealed record OrderMetrics(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HourlyOrders> OrdersPerHour, IReadOnlyList<SagaOutcomeCount> SagaOutcomes);

public sealed record HourlyOrders(DateTimeOffset Hour, int Orders);

/// <param name="Outcome">InProgress, Confirmed, Delivered, DeliveryFailed or Cancelled… with the reason.</param>
public sealed record SagaOutcomeCount(string Outcome, int Orders);

/// <summary>A key whose later messages wait behind the dead letter <see cref="DeadLetterId"/>.</summary>
public sealed record ParkedKey(string Topic, string Key, long DeadLetterId, int ParkedMessages, DateTimeOffset BlockedSince);

/// <summary>One service's parked keys, or why they could not be read.</summary>
public sealed record ServiceParkedKeys(string Service, IReadOnlyList<ParkedKey>? Keys, string? Error);

/// <summary>A user as Identity's admin API shows them.</summary>
public sealed record StaffUser(Guid Id, string Email, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool LockedOut, Guid? WarehouseId);

/// <summary>A zone's day (its local date): places in open slots, held at checkout and confirmed, and closed slots.</summary>
public sealed record ZoneDayUtilisation(Guid ZoneId, string Zone, Guid WarehouseId, DateOnly Day, int OpenSlots, int ClosedSlots, int Capacity, int Held, int Confirmed)
{
    public int Taken => Held + Confirmed;

    /// <summary>Whole percent of the open places taken; a day without open places is 0.</summary>
    public int Percent => Capacity == 0 ? 0 : (int)Math.Round(100.0 * Taken / Capacity, MidpointRounding.AwayFromZero);
}

/// <summary>A warehouse's SKUs low and out, lots expiring soon, and the SKUs closest to running out.</summary>
public sealed record WarehouseLowStock(Guid WarehouseId, string Code, string Name, int Low, int Out, int ExpiringSoon, IReadOnlyList<LowestStockItem> Lowest);

public sealed record LowestStockItem(string Sku, decimal Available, decimal Threshold);
