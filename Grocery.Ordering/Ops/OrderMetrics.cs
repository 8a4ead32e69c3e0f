using Grocery.Ordering.Apis;

namespace Grocery.Ordering.Ops;

/// <summary>How a saga of an order placed in the window has ended so far, as the ops charts group them.</summary>
public enum SagaOutcome
{
    /// <summary>Still waiting for stock, slot or payment.</summary>
    InProgress,
    /// <summary>Stock, slot and payment secured; the order is being fulfilled.</summary>
    Confirmed,
    Delivered,
    DeliveryFailed,
    CancelledStockUnavailable,
    CancelledSlotUnavailable,
    CancelledPaymentFailed,
    CancelledTimeout,
    CancelledByCustomer,
    CancelledByStaff,
}

/// <summary>
/// Orders per hour and saga outcomes over the last hours, for the ops overview. Hours are whole UTC hours ending with
/// the current (partial) one, zero-filled, so a chart has one bar per hour whether or not anything was ordered.
/// </summary>
public static class OrderMetrics
{
    public const int DefaultHours = 24;
    public const int MaxHours = 168;

    public static async Task<OrderMetricsResponse> ReadAsync(OrderingDbContext db, DateTimeOffset now, int hours, CancellationToken cancellationToken)
    {
        var from = FirstHour(now, hours);
        var placed = await db.Orders.AsNoTracking().Where(o => o.PlacedAt >= from).Select(o => o.PlacedAt).ToListAsync(cancellationToken);
        var outcomes = await db.Orders.AsNoTracking().Where(o => o.PlacedAt >= from)
            .GroupBy(o => new { o.Status, o.CancellationReason })
            .Select(g => new { g.Key.Status, g.Key.CancellationReason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new OrderMetricsResponse(from, now, PerHour(from, hours, placed),
            Tally(outcomes.Select(o => (Outcome(o.Status, o.CancellationReason), o.Count))));
    }

    public static DateTimeOffset FirstHour(DateTimeOffset now, int hours)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero).AddHours(1 - hours);
    }

    public static IReadOnlyList<HourlyOrders> PerHour(DateTimeOffset from, int hours, IEnumerable<DateTimeOffset> placedAt)
    {
        var counts = new int[hours];
        foreach (var at in placedAt)
        {
            var bucket = (int)Math.Floor((at - from).TotalHours);
            if (bucket >= 0 && bucket < hours) counts[bucket]++;
        }
        return [.. counts.Select((count, i) => new HourlyOrders(from.AddHours(i), count))];
    }

    /// <summary>Every outcome, in declaration order, with zero for the ones that did not happen.</summary>
    public static IReadOnlyList<SagaOutcomeCount> Tally(IEnumerable<(SagaOutcome Outcome, int Count)> counts)
    {
        var totals = counts.GroupBy(c => c.Outcome).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return [.. Enum.GetValues<SagaOutcome>().Select(o => new SagaOutcomeCount(o, totals.GetValueOrDefault(o)))];
    }

    public static SagaOutcome Outcome(OrderStatus status, OrderCancellationReason? reason) => status switch
    {
        OrderStatus.Placed or OrderStatus.AwaitingPayment => SagaOutcome.InProgress,
        OrderStatus.Delivered => SagaOutcome.Delivered,
        OrderStatus.DeliveryFailed => SagaOutcome.DeliveryFailed,
        OrderStatus.Cancelled => reason switch
        {
            OrderCancellationReason.StockUnavailable => SagaOutcome.CancelledStockUnavailable,
            OrderCancellationReason.SlotUnavailable => SagaOutcome.CancelledSlotUnavailable,
            OrderCancellationReason.PaymentFailed => SagaOutcome.CancelledPaymentFailed,
            OrderCancellationReason.Timeout => SagaOutcome.CancelledTimeout,
            OrderCancellationReason.CustomerRequested => SagaOutcome.CancelledByCustomer,
            OrderCancellationReason.DeliveryFailed => SagaOutcome.DeliveryFailed,
            _ => SagaOutcome.CancelledByStaff,
        },
        _ => SagaOutcome.Confirmed,
    };
}
