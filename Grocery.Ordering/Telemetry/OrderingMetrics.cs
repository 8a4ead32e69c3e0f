using Grocery.Ordering.Background;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Grocery.Ordering.Telemetry;

/// <summary>
/// The "Grocery.Ordering" meter that the alert rules and the business dashboard read: every status
/// transition of an order as it commits, and the sagas past their deadline. The gauges show what a
/// background refresher last read from the database, so a scrape never queries it and several
/// Prometheus servers scraping several replicas cost one small indexed query per replica per interval.
/// </summary>
public static class OrderingMetrics
{
    public const string MeterName = "Grocery.Ordering";

    /// <summary>The database is read at most this often, whatever the scrape interval.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>The statuses whose saga has a deadline; they are reported even at zero so an alert has a series to read.</summary>
    internal static readonly OrderStatus[] SagaStatuses = [OrderStatus.Placed, OrderStatus.AwaitingPayment];

    public static IHostApplicationBuilder AddOrderingMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderingMeter>();
        builder.Services.AddSingleton<OrderTransitionRecorder>();
        builder.Services.ConfigureDbContext<OrderingDbContext>((services, options) =>
            options.AddInterceptors(services.GetRequiredService<OrderTransitionRecorder>()));
        builder.Services.AddHostedService<StuckSagaRefresher>();
        return builder;
    }
}

internal sealed record StuckSagas(string Status, int Count, double OldestOverdueSeconds);

internal sealed class OrderingMeter
{
    private volatile IReadOnlyList<StuckSagas> _stuck = [.. OrderingMetrics.SagaStatuses.Select(s => new StuckSagas(s.ToString(), 0, 0))];

    public OrderingMeter(IMeterFactory meters)
    {
        var meter = meters.Create(OrderingMetrics.MeterName);
        Transitions = meter.CreateCounter<long>("grocery.ordering.order.transitions", "{transition}",
            "Committed status changes of orders; from is \"none\" for a new order, reason is set on cancellations.");
        meter.CreateObservableGauge("grocery.ordering.sagas.stuck",
            () => _stuck.Select(s => new Measurement<int>(s.Count, new KeyValuePair<string, object?>("status", s.Status))),
            "{order}", "Orders whose saga is past its deadline and not yet timed out by the sweeper.");
        meter.CreateObservableGauge("grocery.ordering.sagas.stuck.age",
            () => _stuck.Select(s => new Measurement<double>(s.OldestOverdueSeconds, new KeyValuePair<string, object?>("status", s.Status))),
            "s", "How long past its deadline the oldest stuck saga is.");
    }

    public Counter<long> Transitions { get; }

    public void Report(IReadOnlyList<StuckSagas> stuck) => _stuck = stuck;
}

/// <summary>
/// Counts a transition only once its SaveChanges committed, so a concurrency conflict that makes the
/// saga retry is not counted twice. The domain changes status in memory only (Order.TransitionTo), so
/// the change tracker sees every transition.
/// </summary>
internal sealed class OrderTransitionRecorder(OrderingMeter meter) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<KeyValuePair<string, object?>[]>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Discard(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Discard(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null) return;
        var transitions = new List<KeyValuePair<string, object?>[]>();
        foreach (var entry in context.ChangeTracker.Entries<Order>())
        {
            var status = entry.Property(o => o.Status);
            string? from = entry.State switch
            {
                EntityState.Added => "none",
                EntityState.Modified when status.IsModified && status.OriginalValue != status.CurrentValue => status.OriginalValue.ToString(),
                _ => null,
            };
            if (from is null) continue;
            transitions.Add(
            [
                new("from", from),
                new("to", status.CurrentValue.ToString()),
                new("reason", status.CurrentValue == OrderStatus.Cancelled ? entry.Entity.CancellationReason?.ToString() ?? "" : ""),
            ]);
        }
        if (transitions.Count > 0) _pending.AddOrUpdate(context, transitions);
        else _pending.Remove(context);
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var transitions)) return;
        _pending.Remove(context);
        foreach (var tags in transitions) meter.Transitions.Add(1, tags);
    }

    private void Discard(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }
}
