using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Checkout;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Ordering.Tests;

public sealed class RestartTests(OrderingInfrastructure infrastructure)
{
    [Fact]
    public async Task A_new_instance_over_the_same_database_resumes_a_saga_whose_replies_came_while_ordering_was_down()
    {
        var (first, shopper, order) = await PlaceOrderWithOrderingDownForTheRepliesAsync();
        await using var second = await OrderingApp.StartAsync(infrastructure, first.ConnectionString, first.ConsumerGroup);

        await infrastructure.Peers.WaitForAsync<OrderConfirmedIntegrationEvent>(order.Id, timeoutSeconds: 60);
        var view = await Eventually.GetAsync(() => second.ClientFor(shopper.UserId).GetFromJsonAsync<OrderResponse>($"/api/v1/orders/{order.Id}", KafkaPeers.Json),
            o => o?.Status == OrderStatus.Confirmed, "the resumed saga confirms the order");
        Assert.Equal(3, view.Timeline.Count);
        Assert.Single(infrastructure.Peers.Events(order.Id), e => e.Is<OrderConfirmedIntegrationEvent>());
    }

    /// <summary>
    /// The replies are handled in a separate Ordering process that stops inside the inbox transaction,
    /// after the handlers ran and before anything is saved, and is SIGKILLed there: the saga's state,
    /// the inbox row and the offset are all lost together, so the next instance handles the replies anew.
    /// </summary>
    [Fact]
    public async Task Ordering_killed_after_consuming_the_replies_but_before_saving_the_saga_confirms_the_order_once_after_restart()
    {
        const string faultPoint = "consumer-before-commit";
        var ct = TestContext.Current.CancellationToken;
        var (first, shopper, order) = await PlaceOrderWithOrderingDownForTheRepliesAsync();

        await using (var crashing = OrderingProcess.Start(infrastructure, first.ConnectionString, first.ConsumerGroup, faultPoint))
        {
            await crashing.WaitForLineAsync("FAULT:" + faultPoint, TimeSpan.FromSeconds(90), ct);
            await crashing.KillAsync(ct);
        }

        await using (var db = OrderingApp.Database(first.ConnectionString))
        {
            var unsaved = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, ct);
            Assert.Equal((OrderStatus.Placed, StepStatus.Pending, StepStatus.Pending), (unsaved.Status, unsaved.Stock, unsaved.Slot));
        }
        await using var second = await OrderingApp.StartAsync(infrastructure, first.ConnectionString, first.ConsumerGroup);
        await infrastructure.Peers.WaitForAsync<OrderConfirmedIntegrationEvent>(order.Id, timeoutSeconds: 60);
        var view = await Eventually.GetAsync(() => second.ClientFor(shopper.UserId).GetFromJsonAsync<OrderResponse>($"/api/v1/orders/{order.Id}", KafkaPeers.Json),
            o => o?.Status == OrderStatus.Confirmed, "the restarted instance confirms the order");
        Assert.Equal([OrderStatus.Placed, OrderStatus.AwaitingPayment, OrderStatus.Confirmed], view.Timeline.Select(t => t.Status));
        Assert.Single(infrastructure.Peers.Events(order.Id), e => e.Is<OrderConfirmedIntegrationEvent>());
    }

    /// <summary>Places an order on an instance that is then stopped, and sends Inventory's and Delivery's replies while none runs.</summary>
    private async Task<(OrderingApp Stopped, Shopper Shopper, OrderResponse Order)> PlaceOrderWithOrderingDownForTheRepliesAsync()
    {
        var first = await OrderingApp.StartAsync(infrastructure);
        var shopper = await new Shopper(first, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var placed = await infrastructure.Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);
        await first.DisposeAsync();
        await infrastructure.Peers.PublishAsync(new StockReservedIntegrationEvent(placed.OrderId, placed.WarehouseId,
            placed.Lines.Select(l => new ReservedLine(l.Sku, l.Quantity)).ToList(), DateTimeOffset.UtcNow.AddMinutes(15)));
        await infrastructure.Peers.PublishAsync(new SlotConfirmedIntegrationEvent(placed.OrderId, placed.SlotId, placed.SlotHoldId,
            placed.ZoneId, placed.SlotWindowStart, placed.SlotWindowEnd, placed.DeliveryFee));
        return (first, shopper, order);
    }

    [Fact]
    public async Task A_saga_past_its_deadline_is_listed_as_stuck_and_a_restarted_instance_cancels_it()
    {
        var settings = new Dictionary<string, string> { ["Ordering:TimeoutWorkerEnabled"] = "false" };
        var first = await OrderingApp.StartAsync(infrastructure, settings: settings);
        var shopper = await new Shopper(first, infrastructure).ReadyAsync(holdExtendsBy: Order.HoldSafetyMargin + TimeSpan.FromSeconds(1));
        var order = await shopper.PlaceOrderAsync();
        var admin = first.ClientFor(Guid.NewGuid().ToString(), "admin", "customer");

        var stuck = await Eventually.GetAsync(() => admin.GetFromJsonAsync<List<StuckOrderResponse>>("/api/v1/orders/stuck", KafkaPeers.Json),
            list => list!.Any(o => o.Id == order.Id), "the order is listed as stuck");
        Assert.Equal(OrderStatus.Placed, stuck.Single(o => o.Id == order.Id).Status);
        await first.DisposeAsync();

        await using var second = await OrderingApp.StartAsync(infrastructure, first.ConnectionString, first.ConsumerGroup);

        var cancelled = await infrastructure.Peers.WaitForAsync<OrderCancelledIntegrationEvent>(order.Id);
        Assert.Equal(Grocery.Contracts.OrderCancellationReason.Timeout, cancelled.Reason);
        var listed = await second.ClientFor(Guid.NewGuid().ToString(), "admin", "customer").GetFromJsonAsync<List<StuckOrderResponse>>("/api/v1/orders/stuck", KafkaPeers.Json, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(listed!, o => o.Id == order.Id);
    }
}
