namespace Grocery.Ordering.Tests;

public sealed class FulfilmentAggregateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static PricedLine Line(string sku, decimal price, decimal quantity, int vat = 8, bool weighed = false,
        SubstitutionPreference substitution = SubstitutionPreference.AnySimilar) =>
        new(Guid.NewGuid(), sku, sku, quantity, weighed, price, vat, substitution, null, null);

    private static Order Picking(params PricedLine[] lines)
    {
        var order = Order.Place(new OrderDraft(Guid.NewGuid(), "user-1", "key-1", "hash", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Now.AddHours(3), Now.AddHours(4), Now.AddMinutes(30), "700000", null, PaymentMethod.CashOnDelivery, lines, 15_000m, 0m), Now, TimeSpan.FromMinutes(5));
        order.RecordStockReserved(Now.AddMinutes(15), Now);
        order.RecordSlotConfirmed(Now);
        order.RecordPaymentAuthorized("cod", Now);
        order.ClaimForPicking("picker-1", Now);
        return order;
    }

    [Fact]
    public void A_reply_that_arrives_after_the_order_was_cancelled_is_recorded_as_compensated()
    {
        var order = Order.Place(new OrderDraft(Guid.NewGuid(), "user-1", "key-1", "hash", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Now.AddHours(3), Now.AddHours(4), Now.AddMinutes(30), "700000", null, PaymentMethod.CashOnDelivery, [Line("A", 60_000m, 1)], 15_000m, 0m),
            Now, TimeSpan.FromMinutes(5));
        order.RecordStockUnavailable("gone", Now);

        Assert.False(order.RecordSlotConfirmed(Now.AddSeconds(1)));

        Assert.Equal((OrderStatus.Cancelled, StepStatus.Failed, StepStatus.Compensated), (order.Status, order.Stock, order.Slot));
    }

    [Fact]
    public void Packing_is_refused_while_a_line_is_unresolved_and_names_it()
    {
        var order = Picking(Line("A", 10_000m, 1), Line("B", 10_000m, 1));
        order.RecordPick(1, "A", 1, null, 0.10m);

        var refusal = Assert.Throws<PickingRefusedException>(() => order.Pack(1, Now));

        Assert.Equal(PickingRefusal.Conflict, refusal.Kind);
        Assert.Contains("line(s) 2", refusal.Message);
        Assert.Equal(OrderStatus.Picking, order.Status);
    }

    [Fact]
    public void A_lighter_weighed_line_is_charged_less_than_estimated_and_the_same_pick_twice_changes_nothing()
    {
        var order = Picking(Line("BEEF", 200_000m, 0.5m, weighed: true));

        Assert.True(order.RecordPick(1, "BEEF", null, 0.4m, 0.10m));
        Assert.False(order.RecordPick(1, "BEEF", null, 0.4m, 0.10m));
        order.Pack(1, Now);

        Assert.Equal(100_000m, order.Items[0].LineTotal);
        Assert.Equal(80_000m, order.FinalSubtotal);
        Assert.Equal(95_000m, order.FinalTotal);
    }

    [Fact]
    public void A_substitute_never_costs_more_than_the_original_and_a_cheaper_one_costs_less()
    {
        var order = Picking(Line("A", 30_000m, 2), Line("B", 30_000m, 1));
        order.RecordShort(1, 0, "none left");
        order.RecordSubstitute(1, "A2", "Dearer A", 2, 45_000m, 8);
        order.RecordSubstitute(2, "B2", "Cheaper B", 1, 25_000m, 8);

        order.Pack(1, Now);

        Assert.Equal([60_000m, 25_000m], order.Items.Select(i => i.FinalLineTotal!.Value));
    }

    [Fact]
    public void A_shopper_who_wants_no_substitute_gets_none_and_only_a_named_one_is_accepted()
    {
        var order = Picking(Line("A", 30_000m, 1, substitution: SubstitutionPreference.None));

        var refusal = Assert.Throws<PickingRefusedException>(() => order.RecordSubstitute(1, "A2", "Other", 1, 20_000m, 8));

        Assert.Equal(PickingRefusal.Conflict, refusal.Kind);
        Assert.True(order.RemoveLine(1, "no substitute wanted"));
        Assert.False(order.RemoveLine(1, "no substitute wanted"));
        order.Pack(1, Now);
        Assert.Equal((0m, 15_000m), (order.FinalSubtotal!.Value, order.FinalTotal!.Value));
        Assert.Empty(order.FinalVat);
    }

    [Fact]
    public void Delivery_reports_after_the_first_final_one_are_ignored()
    {
        var order = Picking(Line("A", 30_000m, 1));
        order.RecordPick(1, "A", 1, null, 0.10m);
        order.Pack(1, Now);
        order.RecordReadyForDispatch(0m, 45_000m, "cod", Now);

        Assert.Equal(0m, order.RecordDelivered(Guid.NewGuid(), Now.AddHours(1), 45_000m, []));
        Assert.Null(order.RecordDelivered(Guid.NewGuid(), Now.AddHours(1), 45_000m, []));
        Assert.False(order.RecordDeliveryFailed(Guid.NewGuid(), "late report", Now.AddHours(2)));
        Assert.False(order.RecordDispatched(Guid.NewGuid(), "grab", Now.AddHours(2)));

        Assert.Equal(OrderStatus.Delivered, order.Status);
    }
}
