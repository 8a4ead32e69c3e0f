using Microsoft.AspNetCore.Http;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Ops;

namespace Grocery.Ordering.Tests;

public sealed class OrderMetricsTests(OrderingInfrastructure infrastructure)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 14, 20, 0, TimeSpan.Zero);

    [Fact]
    public void Orders_are_counted_in_the_utc_hour_they_were_placed_with_empty_hours_kept_as_zero()
    {
        var from = OrderMetrics.FirstHour(Now, 24);

        var perHour = OrderMetrics.PerHour(from, 24,
            [Now.AddMinutes(-5), Now.AddMinutes(-19), Now.AddMinutes(-21), new DateTimeOffset(2026, 12, 7, 20, 30, 0, TimeSpan.FromHours(7)), from.AddMinutes(-1)]);

        Assert.Equal(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(24, perHour.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), perHour[^1].Hour);
        Assert.Equal(2, perHour[^1].Orders);
        Assert.Equal(2, perHour[^2].Orders); // 13:59 UTC and 20:30 at UTC+7 both fall in 13:00 UTC
        Assert.Equal(4, perHour.Sum(h => h.Orders));
    }

    [Fact]
    public void Every_saga_outcome_is_listed_and_cancellations_are_told_apart_by_their_reason()
    {
        var tally = OrderMetrics.Tally([
            (OrderMetrics.Outcome(OrderStatus.Picking, null), 2),
            (OrderMetrics.Outcome(OrderStatus.Confirmed, null), 1),
            (OrderMetrics.Outcome(OrderStatus.AwaitingPayment, null), 1),
            (OrderMetrics.Outcome(OrderStatus.Cancelled, OrderCancellationReason.Timeout), 3),
            (OrderMetrics.Outcome(OrderStatus.Cancelled, OrderCancellationReason.CustomerRequested), 1),
        ]);

        Assert.Equal(Enum.GetValues<SagaOutcome>(), tally.Select(t => t.Outcome));
        Assert.Equal(3, tally.Single(t => t.Outcome == SagaOutcome.Confirmed).Orders);
        Assert.Equal(1, tally.Single(t => t.Outcome == SagaOutcome.InProgress).Orders);
        Assert.Equal(3, tally.Single(t => t.Outcome == SagaOutcome.CancelledTimeout).Orders);
        Assert.Equal(1, tally.Single(t => t.Outcome == SagaOutcome.CancelledByCustomer).Orders);
        Assert.Equal(0, tally.Single(t => t.Outcome == SagaOutcome.Delivered).Orders);
    }

    [Fact]
    public async Task An_order_placed_and_cancelled_by_its_shopper_shows_in_the_current_hour_and_as_cancelled_by_the_customer()
    {
        var app = await infrastructure.SharedAppAsync();
        var ct = TestContext.Current.CancellationToken;
        var admin = app.ClientFor(Guid.NewGuid().ToString(), "admin", "customer");
        var before = (await admin.GetFromJsonAsync<OrderMetricsResponse>("/api/v1/orders/metrics", KafkaPeers.Json, ct))!;
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        using var cancelled = await shopper.Client.PostAsync($"/api/v1/orders/{order.Id}/cancel", null, ct);
        cancelled.EnsureSuccessStatusCode();

        var after = (await admin.GetFromJsonAsync<OrderMetricsResponse>("/api/v1/orders/metrics", KafkaPeers.Json, ct))!;

        Assert.Equal(24, after.OrdersPerHour.Count);
        Assert.Contains(after.OrdersPerHour, h => h.Hour <= order.PlacedAt && order.PlacedAt < h.Hour.AddHours(1) && h.Orders >= 1);
        // Other tests share the service and only add orders, so the counts grow by at least this one.
        Assert.True(after.OrdersPerHour.Sum(h => h.Orders) >= before.OrdersPerHour.Sum(h => h.Orders) + 1);
        Assert.True(Count(after, SagaOutcome.CancelledByCustomer) >= Count(before, SagaOutcome.CancelledByCustomer) + 1);
        Assert.Equal(after.OrdersPerHour.Sum(h => h.Orders), after.SagaOutcomes.Sum(o => o.Orders));
    }

    [Fact]
    public async Task The_metrics_are_for_admins_only_and_refuse_a_window_outside_one_hour_to_a_week()
    {
        var app = await infrastructure.SharedAppAsync();
        var ct = TestContext.Current.CancellationToken;
        var admin = app.ClientFor(Guid.NewGuid().ToString(), "admin");

        using var asShopper = await app.ClientFor(Guid.NewGuid().ToString()).GetAsync("/api/v1/orders/metrics", ct);
        using var tooLong = await admin.GetAsync("/api/v1/orders/metrics?hours=169", ct);
        var week = await admin.GetFromJsonAsync<OrderMetricsResponse>("/api/v1/orders/metrics?hours=168", KafkaPeers.Json, ct);

        Assert.Equal(HttpStatusCode.Forbidden, asShopper.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var problem = await tooLong.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(ct);
        Assert.Contains("hours", problem!.Errors.Keys);
        Assert.Equal(168, week!.OrdersPerHour.Count);
    }

    private static int Count(OrderMetricsResponse metrics, SagaOutcome outcome) => metrics.SagaOutcomes.Single(o => o.Outcome == outcome).Orders;
}
