using Grocery.Web.Components.Shared;
using Grocery.Web.Services;

namespace Grocery.Web.Tests.Components;

public sealed class OrderDetailsTests : StorefrontTestContext
{
    private static readonly DateTimeOffset Placed = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero); // 08:00 in Ho Chi Minh City

    private static Order Sample(string status, IReadOnlyList<OrderTimelineEntry> timeline, OrderReceipt? receipt = null,
        IReadOnlyList<OrderLineChange>? changes = null, OrderCancellation? cancellation = null) => new(
        Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), status, Placed, "CashOnDelivery",
        [
            new OrderItem(Guid.NewGuid(), "GR000101", "Chuối Cavendish", 1.0m, "kg", 32_000, 32_000, true, 0, SubstitutionPreference.AnySimilar, null, null),
            new OrderItem(Guid.NewGuid(), "GR020001", "Sữa tươi Vinamilk 1L", 2, "each", 38_500, 77_000, false, 8, SubstitutionPreference.AnySimilar, null, null),
            new OrderItem(Guid.NewGuid(), "GR030001", "Bánh mì sandwich", 1, "each", 25_000, 25_000, false, 8, SubstitutionPreference.None, null, null),
        ],
        134_000, [new VatLine(8, 102_000, 7_556)], 15_000, 149_000, true,
        new OrderSlot(Guid.NewGuid(), Placed.AddHours(3), Placed.AddHours(5)), new OrderSteps("Reserved", "Confirmed", "Authorized", null),
        cancellation, false, timeline, changes, receipt);

    private static readonly OrderReceipt Receipt = new(
        [
            new ReceiptLine("GR000101", "Chuối Cavendish", "kg", 1.0m, 1.12m, 1.12m, null, null, 32_000, 35_840, 0, "Picked", null),
            new ReceiptLine("GR020001", "Sữa tươi Vinamilk 1L", "each", 2, 2, null, "GR020002", "Sữa tươi TH True Milk 1L", 38_500, 77_000, 8, "Substituted", null),
                    new ReceiptLine("GR030001", "Bánh mì sandwich", "each", 1, 0, null, null, null, 25_000, 0, 8, "Removed", null),
        ],
        112_840, [new VatLine(0, 35_840, 0), new VatLine(8, 77_000, 5_704)], 15_000, 127_840, "CashOnDelivery", 0, 127_840, 0);

    private static OrderTimelineEntry At(string status, int minutes) => new(status, Placed.AddMinutes(minutes), null);

    [Fact]
    public void A_packed_order_shows_its_journey_the_changes_made_at_picking_and_the_receipt_with_weights_VAT_and_the_cash_to_collect()
    {
        UseLanguage("en");
        var order = Sample("Packed", [At("Placed", 0), At("Confirmed", 1), At("Picking", 60), At("Packed", 90)], Receipt,
            [
                new OrderLineChange("GR020001", "Sữa tươi Vinamilk 1L", "Substituted", 2, 2, "GR020002", "Sữa tươi TH True Milk 1L", null),
                new OrderLineChange("GR030001", "Bánh mì sandwich", "Removed", 1, 0, null, null, "Shopper asked for no substitute"),
                new OrderLineChange("GR040001", "Nước suối Lavie 500ml", "Reduced", 6, 4, null, null, null),
            ]);

        var view = Render<OrderDetails>(p => p.Add(c => c.Order, order));

        var reached = view.FindAll("[data-testid=timeline-entry]");
        Assert.Equal(["Confirmed", "Being picked", "Packed"], reached.Select(e => e.QuerySelector(".label")!.TextContent));
        Assert.Contains("09:30", reached[2].TextContent);
        Assert.Equal("step", reached[2].GetAttribute("aria-current"));
        Assert.Equal(["Out for delivery", "Delivered"], view.FindAll("[data-testid=timeline-todo] .label").Select(e => e.TextContent));

        var changes = view.FindAll("[data-testid=line-change]");
        Assert.Contains("Sữa tươi Vinamilk 1L → Sữa tươi TH True Milk 1L", changes[0].TextContent);
        Assert.Contains("at no more than the original price", changes[0].TextContent); // no note from the picker: the rule says why
        Assert.Contains("Removed", changes[1].TextContent);
        Assert.Contains("Shopper asked for no substitute", changes[1].TextContent);
        Assert.Contains("Nước suối Lavie 500ml: 4 of 6", changes[2].TextContent);

        var lines = view.FindAll("[data-testid=receipt-line]");
        Assert.Contains("1.12 kg × ₫32,000 / kg", lines[0].TextContent);
        Assert.Contains("₫35,840", lines[0].TextContent);
        Assert.Contains("Sữa tươi TH True Milk 1L", lines[1].TextContent);
        Assert.Contains("2 × ₫38,500 · instead of Sữa tươi Vinamilk 1L", lines[1].TextContent);
        Assert.Contains("not delivered", lines[2].TextContent);
        Assert.Contains("₫0", lines[2].TextContent);
        Assert.Equal(["₫5,704"], view.FindAll("[data-testid=receipt-vat]").Select(v => v.TextContent)); // the 0% rate has no VAT to show
        Assert.Equal("₫127,840", view.Find("[data-testid=receipt-total]").TextContent);
        Assert.Equal("₫127,840", view.Find("[data-testid=receipt-to-collect]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=receipt-paid]"));
    }

    [Fact]
    public void A_delivered_order_rests_with_every_step_done_and_the_cash_collected_counts_as_paid()
    {
        UseLanguage("en");
        var order = Sample("Delivered", [At("Confirmed", 1), At("Picking", 60), At("Packed", 90), At("OutForDelivery", 120), At("Delivered", 150)],
            Receipt with { Paid = 127_840, ToCollect = 0 });

        var view = Render<OrderDetails>(p => p.Add(c => c.Order, order));

        var steps = view.FindAll("[data-testid=timeline-entry]");
        Assert.Equal(5, steps.Count);
        Assert.All(steps, s => Assert.Equal("done", s.GetAttribute("class")));
        Assert.Equal("₫127,840", view.Find("[data-testid=receipt-paid]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=receipt-to-collect]"));
    }

    [Fact]
    public void A_failed_delivery_shows_the_steps_it_reached_and_why_it_stopped_in_Vietnamese()
    {
        UseLanguage("vi");
        var order = Sample("DeliveryFailed",
            [At("Placed", 0), At("Confirmed", 1), At("Picking", 60), At("Packed", 90), At("ReadyForDispatch", 91), At("OutForDelivery", 120),
             new OrderTimelineEntry("DeliveryFailed", Placed.AddMinutes(180), "Không liên lạc được người nhận")],
            Receipt, cancellation: new OrderCancellation("DeliveryFailed", "Không liên lạc được người nhận"));

        var view = Render<OrderDetails>(p => p.Add(c => c.Order, order));

        Assert.Equal(["Đã xác nhận", "Đang soạn hàng", "Đã đóng gói", "Đang giao hàng", "Giao hàng không thành công"],
            view.FindAll("[data-testid=timeline-entry] .label").Select(e => e.TextContent));
        Assert.Empty(view.FindAll("[data-testid=timeline-todo]"));
        Assert.Equal("Không giao được hàng. Không liên lạc được người nhận", view.Find("[data-testid=timeline-reason]").TextContent);
        Assert.Contains("127.840 ₫", view.Find("[data-testid=receipt-total]").TextContent);
    }

    [Fact]
    public void Before_packing_the_order_shows_its_estimated_items_and_a_cancelled_one_says_why()
    {
        UseLanguage("en");
        var order = Sample("Cancelled", [At("Placed", 0), At("Cancelled", 2)], cancellation: new OrderCancellation("StockUnavailable", null));

        var view = Render<OrderDetails>(p => p.Add(c => c.Order, order));

        Assert.Empty(view.FindAll("[data-testid=receipt]"));
        Assert.Contains("about ₫149,000", view.Find(".sums .grand + dd").TextContent);
        Assert.Equal(["Cancelled"], view.FindAll("[data-testid=timeline-entry] .label").Select(e => e.TextContent));
        Assert.Equal("Some items were no longer in stock.", view.Find("[data-testid=timeline-reason]").TextContent);
    }

    [Fact]
    public void The_couriers_tracking_is_shown_newest_first_and_its_absence_is_said_plainly()
    {
        UseLanguage("en");
        var order = Sample("OutForDelivery", [At("Confirmed", 1), At("Picking", 60), At("Packed", 90), At("OutForDelivery", 120)], Receipt);
        var shipment = new Shipment(Guid.NewGuid(), order.Id, "InHouse", null, "Dispatched", order.Slot.WindowStart, order.Slot.WindowEnd,
            [new ShipmentEvent("Booked", Placed.AddMinutes(95), "Booked with the in-house fleet", "in-house"),
             new ShipmentEvent("Dispatched", Placed.AddMinutes(120), "Driver left the store", "in-house")]);

        var tracked = Render<OrderDetails>(p => p.Add(c => c.Order, order).Add(c => c.Shipment, shipment));
        var down = Render<OrderDetails>(p => p.Add(c => c.Order, order).Add(c => c.ShipmentUnavailable, true));

        Assert.Equal(["On its way", "Courier booked"], tracked.FindAll("[data-testid=tracking-event]").Select(e => e.TextContent.Replace(e.QuerySelector(".when")!.TextContent, "").Trim()));
        Assert.Contains("our own drivers", tracked.Find("[data-testid=tracking]").TextContent);
        Assert.NotEmpty(down.Find("[data-testid=tracking-unavailable]").TextContent);
        Assert.Equal("current", tracked.FindAll("[data-testid=timeline-entry]")[^1].GetAttribute("class"));
    }
}
