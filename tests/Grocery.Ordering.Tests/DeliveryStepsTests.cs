using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Ordering.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Line = Grocery.Ordering.Tests.Fulfilment.Line;

namespace Grocery.Ordering.Tests;

public sealed class DeliveryStepsTests(OrderingInfrastructure infrastructure)
{
    private KafkaPeers Peers => infrastructure.Peers;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Line Product(string name, decimal price) =>
        new(infrastructure.Catalog.AddShelved(name, price, 8, soldByWeight: false, "ambient", Random.Shared.Next(1_000, int.MaxValue), "Aisle"), 2);

    [Fact]
    public async Task Shipment_events_move_the_order_to_delivered_and_refused_lines_are_refunded_even_when_repeated_or_late()
    {
        var tea = Product("Tea", 30_000m);
        var coffee = Product("Coffee", 45_000m);
        var fulfilment = await Fulfilment.ReadyForDispatchAsync(infrastructure, tea, coffee);
        var shipment = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        await Peers.PublishAsync(new ShipmentBookedIntegrationEvent(fulfilment.OrderId, shipment, "grab", "GRAB-1", now));
        await Peers.PublishAsync(new ShipmentDispatchedIntegrationEvent(fulfilment.OrderId, shipment, "grab", now.AddMinutes(1)));
        await fulfilment.Shopper.WaitForStatusAsync(fulfilment.OrderId, OrderStatus.OutForDelivery);
        var delivered = new ShipmentDeliveredIntegrationEvent(fulfilment.OrderId, shipment, now.AddMinutes(30), 165_000m,
            [new RefusedLine(tea.Product.Sku, 1, "damaged")]);
        await Peers.PublishAsync(delivered);
        await Peers.PublishAsync(delivered with { });
        await fulfilment.Shopper.WaitForStatusAsync(fulfilment.OrderId, OrderStatus.Delivered);
        await Peers.PublishAsync(new ShipmentDispatchedIntegrationEvent(fulfilment.OrderId, shipment, "grab", now.AddMinutes(2))); // late
        await Peers.PublishAsync(new ShipmentFailedIntegrationEvent(fulfilment.OrderId, shipment, "grab", "no one home", now.AddMinutes(40)));
        var refund = await Peers.WaitForAsync<PaymentRefundedIntegrationEvent>(fulfilment.OrderId);
        // A marker after the late events: once it is handled, so are they (same key, same consumer, in order).
        await Peers.PublishAsync(new ShipmentBookedIntegrationEvent(fulfilment.OrderId, shipment, "grab", "GRAB-2", now));
        await Eventually.GetAsync(async () => (Order?)await fulfilment.OrderAsync(), o => o!.TrackingNumber == "GRAB-2", "the marker is handled");

        var order = await fulfilment.OrderAsync();
        Assert.Equal(OrderStatus.Delivered, order.Status);
        Assert.Equal(("grab", shipment, 165_000m), (order.Carrier, order.ShipmentId!.Value, order.CashCollected!.Value));
        Assert.Equal(30_000m, refund.RefundedAmount); // one tea of two at 30,000
        Assert.Equal(30_000m, order.RefundedAmount);
        Assert.Equal(1m, order.Items[0].RefusedQuantity);
        Assert.Equal(1, (await fulfilment.OutboxCountsAsync()).GetValueOrDefault(PeerMessages.TypeName<PaymentRefundedIntegrationEvent>()));
        Assert.Equal([OrderStatus.ReadyForDispatch, OrderStatus.OutForDelivery, OrderStatus.Delivered],
            order.History.Select(h => h.Status).SkipWhile(s => s != OrderStatus.ReadyForDispatch));
    }

    [Fact]
    public async Task A_failed_delivery_ends_the_order_with_nothing_to_collect_and_a_later_delivery_report_is_ignored()
    {
        var fulfilment = await Fulfilment.ReadyForDispatchAsync(infrastructure, Product("Soap", 28_000m));
        var shipment = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;

        await Peers.PublishAsync(new ShipmentFailedIntegrationEvent(fulfilment.OrderId, shipment, "in-house", "address not found", now));
        await fulfilment.Shopper.WaitForStatusAsync(fulfilment.OrderId, OrderStatus.DeliveryFailed);
        await Peers.PublishAsync(new ShipmentDeliveredIntegrationEvent(fulfilment.OrderId, shipment, now.AddMinutes(5), 71_000m));
        await Peers.PublishAsync(new ShipmentBookedIntegrationEvent(fulfilment.OrderId, shipment, "in-house", "MARK", now));
        await Eventually.GetAsync(async () => (Order?)await fulfilment.OrderAsync(), o => o!.TrackingNumber == "MARK", "the marker is handled");

        var order = await fulfilment.OrderAsync();
        Assert.Equal(OrderStatus.DeliveryFailed, order.Status);
        Assert.Equal((0m, (decimal?)null, StepStatus.Compensated), (order.AmountToCollect!.Value, order.CashCollected, order.Payment));
        Assert.Equal("address not found", order.DeliveryFailureReason);
        Assert.False(Peers.HasSeen<PaymentRefundedIntegrationEvent>(fulfilment.OrderId)); // cash on delivery: no money was taken
    }

    [Fact]
    public async Task A_step_that_loses_a_concurrent_update_is_applied_again_on_the_new_state()
    {
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure, Product("Salt", 30_000m));
        var runner = fulfilment.App.Services.GetRequiredService<OrderStepRunner>();
        var attempts = 0;

        var claimed = await runner.RunAsync(fulfilment.OrderId, async (order, services, ct) =>
        {
            if (++attempts == 1)
            {
                // Another instance claims the order between this step's read and its save.
                await using var other = OrderingApp.Database(fulfilment.App.ConnectionString);
                var competing = await other.Orders.SingleAsync(o => o.Id == fulfilment.OrderId, ct);
                competing.ClaimForPicking("picker-a", DateTimeOffset.UtcNow);
                await other.SaveChangesAsync(ct);
            }
            if (order!.Status == OrderStatus.Picking) return order.PickerId;
            order.ClaimForPicking("picker-b", DateTimeOffset.UtcNow);
            return order.PickerId;
        }, Ct);

        Assert.Equal(2, attempts);
        Assert.Equal("picker-a", claimed);
        var saved = await fulfilment.OrderAsync();
        Assert.Equal("picker-a", saved.PickerId);
        Assert.Single(saved.History, h => h.Status == OrderStatus.Picking);
    }

    [Fact]
    public async Task A_ready_order_no_carrier_booked_is_listed_as_stuck_at_the_booking_step_with_its_age()
    {
        var fulfilment = await Fulfilment.ReadyForDispatchAsync(infrastructure, Product("Pepper", 30_000m));
        var order = await fulfilment.OrderAsync();
        var options = new OrderingOptions();
        var later = order.ReadyForDispatchAt!.Value + options.BookingStuckAfter + TimeSpan.FromMinutes(1);

        var before = await fulfilment.App.WithDbAsync(db => StuckSagas.ListAsync(db, later - TimeSpan.FromMinutes(2), options, 10_000, Ct));
        var after = await fulfilment.App.WithDbAsync(db => StuckSagas.ListAsync(db, later, options, 10_000, Ct));

        Assert.DoesNotContain(before, o => o.Id == fulfilment.OrderId);
        var stuck = Assert.Single(after, o => o.Id == fulfilment.OrderId);
        Assert.Equal(("booking", TimeSpan.FromMinutes(31)), (stuck.Step, stuck.Age));
    }
}
