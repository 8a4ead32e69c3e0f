using Grocery.Contracts.Delivery;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Checkout;

namespace Grocery.Ordering.Tests;

public sealed class SagaTests(OrderingInfrastructure infrastructure)
{
    private KafkaPeers Peers => infrastructure.Peers;

    private static StockReservedIntegrationEvent Reserved(OrderPlacedIntegrationEvent placed) =>
        new(placed.OrderId, placed.WarehouseId, placed.Lines.Select(l => new ReservedLine(l.Sku, l.Quantity)).ToList(), DateTimeOffset.UtcNow.AddMinutes(15));

    private static SlotConfirmedIntegrationEvent SlotConfirmed(OrderPlacedIntegrationEvent placed) =>
        new(placed.OrderId, placed.SlotId, placed.SlotHoldId, placed.ZoneId, placed.SlotWindowStart, placed.SlotWindowEnd, placed.DeliveryFee);

    [Fact]
    public async Task Cash_on_delivery_order_is_confirmed_once_stock_and_slot_are_secured()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);

        await Task.WhenAll(Peers.PublishAsync(SlotConfirmed(placed)), Peers.PublishAsync(Reserved(placed)));

        var confirmed = await Peers.WaitForAsync<OrderConfirmedIntegrationEvent>(order.Id);
        var payment = await Peers.WaitForAsync<PaymentAuthorizedIntegrationEvent>(order.Id);
        var view = await shopper.WaitForStatusAsync(order.Id, OrderStatus.Confirmed);
        Assert.Equal(placed.SlotWindowEnd, confirmed.SlotWindowEnd, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        Assert.Equal(Grocery.Contracts.PaymentMethod.CashOnDelivery, payment.PaymentMethod);
        Assert.Equal([OrderStatus.Placed, OrderStatus.AwaitingPayment, OrderStatus.Confirmed], view.Timeline.Select(t => t.Status));
        Assert.Equal((StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Succeeded), (view.Steps.Stock, view.Steps.Slot, view.Steps.Payment));
        Assert.False(Peers.HasSeen<OrderCancelledIntegrationEvent>(order.Id));
    }

    [Fact]
    public async Task Out_of_stock_cancels_the_order_releases_the_slot_and_reserves_nothing()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);
        var shortLine = placed.Lines[1];

        await Peers.PublishAsync(SlotConfirmed(placed));
        await Peers.PublishAsync(new StockReservationFailedIntegrationEvent(placed.OrderId, placed.WarehouseId,
            [new StockShortfallLine(shortLine.Sku, shortLine.Quantity, 1m)]));

        var cancelled = await Peers.WaitForAsync<OrderCancelledIntegrationEvent>(order.Id);
        // The two replies travel on different topics, so the slot's confirmation may arrive after the
        // cancellation; the saga then releases the slot it no longer needs.
        var view = await Eventually.GetAsync(() => shopper.GetOrderAsync(order.Id),
            o => o?.Status == OrderStatus.Cancelled && o.Steps.Slot != StepStatus.Pending, $"order {order.Id} is cancelled and its slot settled");
        Assert.Equal(Grocery.Contracts.OrderCancellationReason.StockUnavailable, cancelled.Reason);
        Assert.Equal("Some items are no longer in stock: Product 1 (1 of 2 available).", view.Cancellation!.Message);
        Assert.Equal(StepStatus.Failed, view.Steps.Stock);
        Assert.Equal(StepStatus.Compensated, view.Steps.Slot);
        Assert.False(Peers.HasSeen<OrderConfirmedIntegrationEvent>(order.Id));
        Assert.False(Peers.HasSeen<PaymentAuthorizedIntegrationEvent>(order.Id));
    }

    [Fact]
    public async Task An_unavailable_slot_cancels_the_order_and_releases_the_reserved_stock()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);

        await Peers.PublishAsync(Reserved(placed));
        await Eventually.GetAsync(() => shopper.GetOrderAsync(order.Id), o => o!.Steps.Stock == StepStatus.Succeeded, "stock is recorded as reserved");
        await Peers.PublishAsync(new SlotUnavailableIntegrationEvent(placed.OrderId, placed.SlotId, placed.SlotHoldId, "the slot was closed by the store"));

        var cancelled = await Peers.WaitForAsync<OrderCancelledIntegrationEvent>(order.Id);
        var view = await shopper.WaitForStatusAsync(order.Id, OrderStatus.Cancelled);
        Assert.Equal(Grocery.Contracts.OrderCancellationReason.SlotUnavailable, cancelled.Reason);
        Assert.Equal(StepStatus.Compensated, view.Steps.Stock);
        Assert.Contains("the slot was closed by the store", view.Cancellation!.Message);
    }

    [Fact]
    public async Task A_shopper_cancelling_a_confirmed_order_releases_everything()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);
        await Peers.PublishAsync(Reserved(placed));
        await Peers.PublishAsync(SlotConfirmed(placed));
        await shopper.WaitForStatusAsync(order.Id, OrderStatus.Confirmed);

        var response = await shopper.Client.PostAsync($"/api/v1/orders/{order.Id}/cancel", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = await Peers.WaitForAsync<OrderCancelledIntegrationEvent>(order.Id);
        Assert.Equal(Grocery.Contracts.OrderCancellationReason.CustomerRequested, cancelled.Reason);
        var view = (await shopper.GetOrderAsync(order.Id))!;
        Assert.Equal((StepStatus.Compensated, StepStatus.Compensated, StepStatus.Compensated), (view.Steps.Stock, view.Steps.Slot, view.Steps.Payment));
        Assert.Equal(OrderStatus.Cancelled, view.Timeline[^1].Status);
    }

    [Fact]
    public async Task A_shopper_cannot_cancel_once_picking_has_started()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var placed = await Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);
        await Peers.PublishAsync(Reserved(placed));
        await Peers.PublishAsync(SlotConfirmed(placed));
        await shopper.WaitForStatusAsync(order.Id, OrderStatus.Confirmed);
        var picker = app.StaffClientFor(Guid.NewGuid().ToString(), shopper.Zone.WarehouseId);
        Assert.Equal(HttpStatusCode.OK, (await picker.PostAsync($"/api/v1/picking/{order.Id}/claim", null, TestContext.Current.CancellationToken)).StatusCode);

        var response = await shopper.Client.PostAsync($"/api/v1/orders/{order.Id}/cancel", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(OrderStatus.Picking, (await shopper.GetOrderAsync(order.Id))!.Status);
        Assert.False(Peers.HasSeen<OrderCancelledIntegrationEvent>(order.Id));
    }

    [Fact]
    public async Task Picking_cannot_start_on_an_order_that_is_not_confirmed()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var picker = app.StaffClientFor(Guid.NewGuid().ToString(), shopper.Zone.WarehouseId);

        var response = await picker.PostAsync($"/api/v1/picking/{order.Id}/claim", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(OrderStatus.Placed, (await shopper.GetOrderAsync(order.Id))!.Status);
    }

    [Fact]
    public async Task A_saga_without_replies_times_out_before_its_hold_and_is_cancelled()
    {
        var app = await infrastructure.SharedAppAsync();
        // Delivery extends this hold only to 32 s from now, so the saga's deadline is about 2 s away.
        var shopper = await new Shopper(app, infrastructure).ReadyAsync(holdExtendsBy: Order.HoldSafetyMargin + TimeSpan.FromSeconds(2));
        var order = await shopper.PlaceOrderAsync();

        var cancelled = await Peers.WaitForAsync<OrderCancelledIntegrationEvent>(order.Id);

        Assert.Equal(Grocery.Contracts.OrderCancellationReason.Timeout, cancelled.Reason);
        Assert.Equal(OrderStatus.Cancelled, (await shopper.GetOrderAsync(order.Id))!.Status);
    }

    [Fact]
    public async Task Another_shoppers_order_is_not_found_and_my_orders_list_only_mine()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var order = await shopper.PlaceOrderAsync();
        var stranger = new Shopper(app, infrastructure);
        var ct = TestContext.Current.CancellationToken;

        var peek = await stranger.Client.GetAsync($"/api/v1/orders/{order.Id}", ct);
        var cancel = await stranger.Client.PostAsync($"/api/v1/orders/{order.Id}/cancel", null, ct);
        var mine = await shopper.Client.GetFromJsonAsync<OrderHistoryPage>("/api/v1/orders", KafkaPeers.Json, ct);
        var theirs = await stranger.Client.GetFromJsonAsync<OrderHistoryPage>("/api/v1/orders", KafkaPeers.Json, ct);

        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal([order.Id], mine!.Items.Select(o => o.Id));
        Assert.Empty(theirs!.Items);
    }

    [Fact]
    public async Task Stuck_sagas_are_listed_for_admins_only()
    {
        var app = await infrastructure.SharedAppAsync();
        var ct = TestContext.Current.CancellationToken;

        var asShopper = await app.ClientFor(Guid.NewGuid().ToString()).GetAsync("/api/v1/orders/stuck", ct);
        var asAdmin = await app.ClientFor(Guid.NewGuid().ToString(), "admin", "customer").GetAsync("/api/v1/orders/stuck", ct);

        Assert.Equal(HttpStatusCode.Forbidden, asShopper.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }
}
