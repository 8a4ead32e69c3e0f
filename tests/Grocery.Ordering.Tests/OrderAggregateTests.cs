namespace Grocery.Ordering.Tests;

public sealed class OrderAggregateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static Order NewOrder(decimal minimum = 0m, DateTimeOffset? holdExpiresAt = null, params PricedLine[] lines) =>
        Order.Place(new OrderDraft(Guid.NewGuid(), "user-1", "key-1", "hash", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Now.AddHours(3), Now.AddHours(4), holdExpiresAt ?? Now.AddMinutes(30), "700000", null, PaymentMethod.CashOnDelivery,
            lines.Length > 0 ? lines : [Line(25_000m, 2)], 15_000m, minimum), Now, TimeSpan.FromMinutes(5));

    private static PricedLine Line(decimal price, decimal quantity, int vat = 8, bool weighed = false) =>
        new(Guid.NewGuid(), "SKU", "Thing", quantity, weighed, price, vat, SubstitutionPreference.AnySimilar, null, null);

    [Fact]
    public void A_placed_order_waits_for_stock_and_slot_and_records_when_it_was_placed()
    {
        var order = NewOrder();

        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal([OrderStatus.Placed], order.History.Select(h => h.Status));
        Assert.Equal(Now, order.History[0].At);
        Assert.Equal(65_000m, order.EstimatedTotal);
    }

    [Fact]
    public void Stock_and_slot_in_either_order_then_payment_confirm_the_order()
    {
        var order = NewOrder();

        Assert.True(order.RecordSlotConfirmed(Now.AddSeconds(1)));
        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.True(order.RecordStockReserved(Now.AddMinutes(15), Now.AddSeconds(2)));
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        order.RecordPaymentAuthorized("cod", Now.AddSeconds(3));

        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Equal([OrderStatus.Placed, OrderStatus.AwaitingPayment, OrderStatus.Confirmed], order.History.Select(h => h.Status));
        Assert.Equal([Now, Now.AddSeconds(2), Now.AddSeconds(3)], order.History.Select(h => h.At));
        Assert.Null(order.Deadline);
    }

    [Fact]
    public void A_slot_withdrawn_after_it_was_confirmed_cancels_an_order_still_waiting_for_stock()
    {
        var order = NewOrder();
        order.RecordSlotConfirmed(Now.AddSeconds(1));

        Assert.True(order.RecordSlotUnavailable("The store closed this delivery slot.", Now.AddSeconds(2)));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(OrderCancellationReason.SlotUnavailable, order.CancellationReason);
        Assert.Equal(StepStatus.Failed, order.Slot);
        Assert.False(order.RecordStockReserved(Now.AddMinutes(15), Now.AddSeconds(3)));
    }

    [Fact]
    public void A_slot_withdrawn_after_the_order_was_confirmed_leaves_the_order_confirmed()
    {
        var order = NewOrder();
        order.RecordSlotConfirmed(Now.AddSeconds(1));
        order.RecordStockReserved(Now.AddMinutes(15), Now.AddSeconds(2));
        order.RecordPaymentAuthorized("cod", Now.AddSeconds(3));

        Assert.False(order.RecordSlotUnavailable("The store closed this delivery slot.", Now.AddSeconds(4)));

        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Equal(StepStatus.Succeeded, order.Slot);
    }

    [Fact]
    public void A_duplicate_reply_is_ignored_and_changes_nothing()
    {
        var order = NewOrder();
        order.RecordStockReserved(Now.AddMinutes(15), Now);

        Assert.False(order.RecordStockReserved(Now.AddMinutes(15), Now.AddSeconds(1)));
        Assert.Single(order.History);
    }

    [Fact]
    public void Confirming_payment_before_stock_and_slot_is_refused()
    {
        var order = NewOrder();

        var refused = Assert.Throws<InvalidOrderTransitionException>(() => order.RecordPaymentAuthorized("cod", Now));

        Assert.Equal(OrderStatus.Placed, refused.From);
        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal(StepStatus.Pending, order.Payment);
    }

    [Fact]
    public void Picking_cannot_start_before_the_order_is_confirmed()
    {
        var order = NewOrder();

        Assert.Throws<InvalidOrderTransitionException>(() => order.StartPicking(Now));
        Assert.Equal(OrderStatus.Placed, order.Status);
    }

    [Fact]
    public void A_cancelled_order_cannot_be_cancelled_again_or_picked()
    {
        var order = NewOrder();
        order.Cancel(OrderCancellationReason.CustomerRequested, null, Now);

        Assert.Throws<InvalidOrderTransitionException>(() => order.Cancel(OrderCancellationReason.Timeout, null, Now));
        Assert.Throws<InvalidOrderTransitionException>(() => order.StartPicking(Now));
        Assert.Equal(OrderCancellationReason.CustomerRequested, order.CancellationReason);
        Assert.Equal(2, order.History.Count);
    }

    [Fact]
    public void Once_picking_started_the_shopper_can_no_longer_cancel()
    {
        var order = NewOrder();
        order.RecordStockReserved(Now.AddMinutes(15), Now);
        order.RecordSlotConfirmed(Now);
        order.RecordPaymentAuthorized("cod", Now);
        order.StartPicking(Now.AddMinutes(1));

        Assert.False(order.CanBeCancelledByShopper);
        Assert.Throws<InvalidOrderTransitionException>(() => order.Cancel(OrderCancellationReason.CustomerRequested, null, Now));
        Assert.Equal(OrderStatus.Picking, order.Status);
    }

    [Fact]
    public void A_stock_failure_cancels_with_a_readable_reason_and_marks_the_reserved_slot_for_release()
    {
        var order = NewOrder();
        order.RecordSlotConfirmed(Now);

        order.RecordStockUnavailable("Bananas", Now.AddSeconds(1));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(OrderCancellationReason.StockUnavailable, order.CancellationReason);
        Assert.Equal("Some items are no longer in stock: Bananas.", order.CancellationMessage);
        Assert.Equal(StepStatus.Compensated, order.Slot);
        Assert.Equal(StepStatus.Failed, order.Stock);
    }

    [Fact]
    public void A_reply_arriving_after_cancellation_is_ignored()
    {
        var order = NewOrder();
        order.RecordStockUnavailable(null, Now);

        Assert.False(order.RecordSlotConfirmed(Now.AddSeconds(1)));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void The_deadline_never_outlives_the_slot_hold_or_the_stock_reservation()
    {
        var order = NewOrder(holdExpiresAt: Now.AddMinutes(2));
        Assert.Equal(Now.AddMinutes(2) - Order.HoldSafetyMargin, order.Deadline);

        order.RecordStockReserved(Now.AddMinutes(1), Now);
        Assert.Equal(Now.AddMinutes(1) - Order.HoldSafetyMargin, order.Deadline);
        Assert.True(order.IsPastDeadline(Now.AddMinutes(1)));
    }

    [Fact]
    public void An_order_below_the_zone_minimum_cannot_be_placed()
    {
        Assert.Throws<ArgumentException>(() => NewOrder(minimum: 100_000m));
    }

    [Fact]
    public void Weighed_lines_are_estimates_rounded_half_away_from_zero_and_vat_is_shown_per_rate()
    {
        var order = NewOrder(0m, null,
            Line(89_900m, 0.5m, vat: 5, weighed: true),   // 44 950
            Line(12_345m, 0.3m, vat: 5, weighed: true),   // 3 703.5 -> 3 704
            Line(21_000m, 1m, vat: 10));

        Assert.Equal([44_950m, 3_704m, 21_000m], order.Items.Select(i => i.LineTotal));
        Assert.Equal(69_654m, order.Subtotal);
        var vat5 = order.Vat.Single(v => v.Rate == 5);
        Assert.Equal(48_654m, vat5.Gross);
        Assert.Equal(2_317m, vat5.Vat);                   // 48 654 × 5 / 105 = 2 316.857
        Assert.Equal(1_909m, order.Vat.Single(v => v.Rate == 10).Vat); // 21 000 × 10 / 110 = 1 909.09
    }
}
