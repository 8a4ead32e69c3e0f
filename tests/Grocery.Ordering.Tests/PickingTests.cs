using Microsoft.Extensions.DependencyInjection;
using Grocery.Contracts.Inventory;
using Grocery.Contracts.Ordering;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Clients;
using Line = Grocery.Ordering.Tests.Fulfilment.Line;

namespace Grocery.Ordering.Tests;

public sealed class PickingTests(OrderingInfrastructure infrastructure)
{
    private FakeCatalog Catalog => infrastructure.Catalog;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int NewCategory() => Random.Shared.Next(1_000, int.MaxValue);

    private CatalogProduct Rice(int? category = null) =>
        Catalog.AddShelved("Rice 1 kg", 60_000m, 5, soldByWeight: false, "ambient", category ?? NewCategory(), "Rice", "g", 1000m);

    [Fact]
    public async Task A_second_order_of_a_product_gets_its_shelf_details_without_reading_them_from_Catalog_again()
    {
        var rice = Rice();
        var first = await Fulfilment.ConfirmedAsync(infrastructure, new Line(rice, 1));
        var second = await Fulfilment.ConfirmedAsync(infrastructure, new Line(rice, 2));

        Assert.Equal(1, Catalog.DetailReadsOf(rice));
        foreach (var order in new[] { await first.OrderAsync(), await second.OrderAsync() })
        {
            var item = Assert.Single(order.Items);
            Assert.Equal((Catalog.GtinOf(rice.Id), "ambient", "Rice"), (item.Gtin, item.Storage, item.Aisle));
        }
    }

    [Fact]
    public async Task A_picker_of_another_warehouse_is_refused_the_order_and_the_queue()
    {
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure, new Line(Rice(), 1));
        var stranger = fulfilment.App.StaffClientFor(Guid.NewGuid().ToString(), Guid.NewGuid());

        var claim = await stranger.PostAsync($"/api/v1/picking/{fulfilment.OrderId}/claim", null, Ct);
        var list = await stranger.GetAsync($"/api/v1/picking/{fulfilment.OrderId}", Ct);
        var queue = await stranger.GetAsync($"/api/v1/picking?warehouseId={fulfilment.WarehouseId}", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (claim.StatusCode, list.StatusCode, queue.StatusCode));
        Assert.Equal("application/problem+json", claim.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OrderStatus.Confirmed, (await fulfilment.OrderAsync()).Status);
        var own = await fulfilment.Picker.GetFromJsonAsync<PickingQueueResponse>($"/api/v1/picking?warehouseId={fulfilment.WarehouseId}", KafkaPeers.Json, Ct);
        Assert.Contains(own!.Orders, o => o.OrderId == fulfilment.OrderId && o.Status == OrderStatus.Confirmed);
    }

    [Fact]
    public async Task A_claimed_order_belongs_to_its_picker_claiming_again_is_a_no_op_and_a_second_picker_gets_409()
    {
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure, new Line(Rice(), 1));
        var colleague = fulfilment.App.StaffClientFor(Guid.NewGuid().ToString(), fulfilment.WarehouseId);

        var first = await fulfilment.ClaimAsync();
        var again = await fulfilment.ClaimAsync();
        var second = await colleague.PostAsync($"/api/v1/picking/{fulfilment.OrderId}/claim", null, Ct);

        Assert.Equal(OrderStatus.Picking, first.Status);
        Assert.Equal(first.PickerId, again.PickerId);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var order = await fulfilment.OrderAsync();
        Assert.Single(order.History, h => h.Status == OrderStatus.Picking);
        Assert.Equal(first.PickerId, order.PickerId);
    }

    [Fact]
    public async Task A_weighed_line_above_the_buffer_is_refused_naming_the_allowed_range_and_a_wrong_gtin_is_refused()
    {
        var pork = Catalog.AddShelved("Pork belly", 150_000m, 8, soldByWeight: true, "chilled", NewCategory(), "Meat");
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure, new Line(pork, 1.0m));
        await fulfilment.ClaimAsync();

        var tooHeavy = await fulfilment.PickAsync(1, Catalog.GtinOf(pork.Id), null, 1.11m);
        var wrongProduct = await fulfilment.PickAsync(1, "8930000000000", null, 1.0m);
        var withinBuffer = await fulfilment.PickAsync(1, Catalog.GtinOf(pork.Id), null, 1.1m);

        Assert.Equal(HttpStatusCode.BadRequest, tooHeavy.StatusCode);
        var weight = Assert.Single((await Fulfilment.ErrorsAsync(tooHeavy))["weightKg"]);
        Assert.Contains("between 0.001 and 1.1 kg", weight);
        Assert.Equal(HttpStatusCode.BadRequest, wrongProduct.StatusCode);
        Assert.Contains("gtin", (await Fulfilment.ErrorsAsync(wrongProduct)).Keys);
        Assert.Equal(HttpStatusCode.OK, withinBuffer.StatusCode);
        var line = (await fulfilment.PickListAsync()).Storage.Single().Aisles.Single().Lines.Single();
        Assert.Equal(("picked", 1.1m, 0.001m, 1.1m), (line.State, line.WeightKg!.Value, line.MinWeightKg!.Value, line.MaxWeightKg!.Value));
    }

    [Fact]
    public async Task Packing_charges_picked_weights_the_substitute_at_the_original_price_nothing_for_a_removal_and_VAT_per_rate_rounded_half_away_from_zero()
    {
        var dairy = NewCategory();
        var pork = Catalog.AddShelved("Pork belly", 150_000m, 8, soldByWeight: true, "chilled", NewCategory(), "Meat");
        var mackerel = Catalog.AddShelved("Mackerel", 33_333m, 8, soldByWeight: true, "frozen", NewCategory(), "Fish");
        var milk = Catalog.AddShelved("Fresh milk 1 l", 32_000m, 5, soldByWeight: false, "chilled", dairy, "Dairy", "ml", 1000m);
        var organicMilk = Catalog.AddShelved("Organic milk 1 l", 38_000m, 5, soldByWeight: false, "chilled", dairy, "Dairy", "ml", 1000m);
        var milkPowder = Catalog.AddShelved("Milk powder 2 kg", 30_000m, 5, soldByWeight: false, "ambient", dairy, "Dairy", "g", 2000m);
        var chips = Catalog.AddShelved("Chips", 20_000m, 10, soldByWeight: false, "ambient", NewCategory(), "Snacks");
        var rice = Catalog.AddShelved("Rice 1 kg", 25_000m, 5, soldByWeight: false, "ambient", NewCategory(), "Rice", "g", 1000m);
        infrastructure.Inventory.SetAvailable(organicMilk.Sku, 10);
        infrastructure.Inventory.SetAvailable(milkPowder.Sku, 10);
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure,
            new Line(pork, 1.0m), new Line(mackerel, 0.6m), new Line(milk, 2), new Line(chips, 1, SubstitutionPreference.None), new Line(rice, 2));

        var claimed = await fulfilment.ClaimAsync();
        Assert.Equal(["ambient", "chilled", "frozen"], claimed.Storage.Select(s => s.Storage));
        Assert.Equal(["Rice", "Snacks"], claimed.Storage[0].Aisles.Select(a => a.Aisle));
        Assert.Equal(["Dairy", "Meat"], claimed.Storage[1].Aisles.Select(a => a.Aisle));
        Assert.Equal(Catalog.GtinOf(pork.Id), claimed.Storage[1].Aisles[1].Lines.Single().Gtin);

        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(1, Catalog.GtinOf(pork.Id), null, 1.05m)).StatusCode);     // heavier
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(2, Catalog.GtinOf(mackerel.Id), null, 0.5m)).StatusCode);  // lighter
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(5, Catalog.GtinOf(rice.Id), 2, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.ShortAsync(3, 0)).StatusCode);
        var substitutes = await fulfilment.SubstitutesAsync(3);
        var offered = Assert.Single(substitutes.Candidates); // the powder is another unit and size
        Assert.Equal((organicMilk.Sku, 32_000m), (offered.Sku, offered.ChargedUnitPrice));
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.SubstituteAsync(3, organicMilk.Sku, 2)).StatusCode);
        Assert.Empty((await fulfilment.SubstitutesAsync(4)).Candidates); // the shopper wants none
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.RemoveAsync(4)).StatusCode);

        var response = await fulfilment.PackAsync(3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var packed = (await response.Content.ReadFromJsonAsync<PackResponse>(KafkaPeers.Json, Ct))!;
        // By hand: pork 150,000 × 1.05 = 157,500; mackerel 33,333 × 0.5 = 16,666.5 → 16,667 (half away from zero);
        // milk substituted at the original 32,000 × 2 = 64,000 (not 76,000); chips removed; rice 25,000 × 2 = 50,000.
        const decimal subtotal = 157_500m + 16_667m + 64_000m + 0m + 50_000m;
        Assert.Equal(288_167m, subtotal);
        Assert.Equal(subtotal, packed.FinalSubtotal);
        // VAT 5 %: 114,000 × 5 / 105 = 5,428.57 → 5,429; VAT 8 %: 174,167 × 8 / 108 = 12,901.26 → 12,901; nothing at 10 %.
        Assert.Equal([new VatResponse(5, 114_000m, 5_429m), new VatResponse(8, 174_167m, 12_901m)], packed.Vat);
        Assert.Equal(15_000m, packed.DeliveryFee);
        Assert.Equal(303_167m, packed.FinalTotal);
        Assert.Equal((OrderStatus.ReadyForDispatch, 303_167m, 3), (packed.Status, packed.AmountToCollect!.Value, packed.PackageCount));
        var reserved = Assert.Single(infrastructure.Inventory.ReservationsFor(fulfilment.OrderId));
        Assert.Equal((milk.Sku, organicMilk.Sku, 2m), (reserved.OriginalSku, reserved.Sku, reserved.Quantity));
        Assert.StartsWith("Bearer ", reserved.Authorization);

        var picked = await infrastructure.Peers.WaitForAsync<OrderPickedIntegrationEvent>(fulfilment.OrderId);
        Assert.Equal([(pork.Sku, 1.05m, (decimal?)1.05m, (string?)null, 157_500m, "chilled"), (mackerel.Sku, 0.5m, 0.5m, null, 16_667m, "frozen"),
                (milk.Sku, 2m, null, organicMilk.Sku, 64_000m, "chilled"), (chips.Sku, 0m, null, null, 0m, "ambient"), (rice.Sku, 2m, null, null, 50_000m, "ambient")],
            picked.Lines.Select(l => (l.Sku, l.PickedQuantity, l.WeightKg, l.SubstituteSku, l.LineTotal, l.Storage)));
        var ready = await infrastructure.Peers.WaitForAsync<OrderReadyForDispatchIntegrationEvent>(fulfilment.OrderId);
        Assert.Equal((303_167m, 3, Grocery.Contracts.PaymentMethod.CashOnDelivery), (ready.AmountToCollect, ready.PackageCount, ready.PaymentMethod));
        Assert.Equal(303_167m, (await infrastructure.Peers.WaitForAsync<OrderPackedIntegrationEvent>(fulfilment.OrderId)).FinalTotal);
        Assert.False(infrastructure.Peers.HasSeen<PaymentCapturedIntegrationEvent>(fulfilment.OrderId)); // nothing is taken before the door
    }

    [Fact]
    public async Task Packing_publishes_picked_packed_and_ready_for_dispatch_exactly_once_even_when_repeated_and_resumed()
    {
        var fulfilment = await Fulfilment.ReadyForDispatchAsync(infrastructure, new Line(Rice(), 2));
        var runner = fulfilment.App.Services.GetRequiredService<Saga.OrderStepRunner>();

        var again = await fulfilment.PackAsync(1);
        var replayed = await runner.RunAsync(fulfilment.OrderId, Picking.PackingSteps.ReadyForDispatchAsync, Ct);
        await fulfilment.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<Background.SagaTimeoutWorker>().Single().SweepAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(replayed);
        var counts = await fulfilment.OutboxCountsAsync();
        foreach (var type in new[] { PeerMessages.TypeName<OrderPickedIntegrationEvent>(), PeerMessages.TypeName<OrderPackedIntegrationEvent>(),
                     PeerMessages.TypeName<OrderReadyForDispatchIntegrationEvent>() })
            Assert.Equal(1, counts.GetValueOrDefault(type));
        Assert.Single((await fulfilment.OrderAsync()).History, h => h.Status == OrderStatus.ReadyForDispatch);
    }

    [Fact]
    public async Task A_packed_order_whose_payment_step_never_ran_is_resumed_once_by_the_worker()
    {
        var rice = Rice();
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure, new Line(rice, 2));
        var picker = (await fulfilment.ClaimAsync()).PickerId!;
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(1, Catalog.GtinOf(rice.Id), 2, null)).StatusCode);
        var runner = fulfilment.App.Services.GetRequiredService<Saga.OrderStepRunner>();

        // The instance stops right after packing committed: only the first of the two steps ran.
        await runner.RunAsync(fulfilment.OrderId, Picking.PackingSteps.Pack(1, picker, mayTakeOver: true), Ct);

        await fulfilment.Shopper.WaitForStatusAsync(fulfilment.OrderId, OrderStatus.ReadyForDispatch);
        await infrastructure.Peers.WaitForAsync<OrderReadyForDispatchIntegrationEvent>(fulfilment.OrderId);
        Assert.Equal(1, (await fulfilment.OutboxCountsAsync()).GetValueOrDefault(PeerMessages.TypeName<OrderReadyForDispatchIntegrationEvent>()));
    }

    [Fact]
    public async Task A_stock_shortfall_marks_the_lines_short_before_picking_so_the_picker_sees_them_first()
    {
        var rice = Rice();
        var noodles = Catalog.AddShelved("Noodles", 30_000m, 8, soldByWeight: false, "ambient", NewCategory(), "Noodles", "g", 75m);
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure, new Line(rice, 1), new Line(noodles, 3));

        await infrastructure.Peers.PublishAsync(new StockShortfallIntegrationEvent(fulfilment.OrderId, fulfilment.WarehouseId,
            [new StockShortfallLine(noodles.Sku, 3, 1)], DateTimeOffset.UtcNow));

        var list = await Eventually.GetAsync(async () => (PickListResponse?)await fulfilment.PickListAsync(), l => l!.ShortLines.Count > 0, "the shortfall marks the line short");
        Assert.Equal([2], list.ShortLines);
        var line = list.Storage.SelectMany(s => s.Aisles).SelectMany(a => a.Lines).Single(l => l.LineNo == 2);
        Assert.Equal(("short", 1m), (line.State, line.ShortAvailable!.Value));
        await fulfilment.ClaimAsync();
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(2, Catalog.GtinOf(noodles.Id), 1, null)).StatusCode); // what is left
    }

    [Fact]
    public async Task The_queue_pages_by_slot_start_then_order_id_and_refuses_a_cursor_it_did_not_write()
    {
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure, new Line(Rice(), 1));
        var order = await fulfilment.OrderAsync();
        var queue = $"/api/v1/picking?warehouseId={fulfilment.WarehouseId}&limit=1";
        string Cursor(DateTimeOffset start, Guid id) => FormattableString.Invariant($"{start.UtcTicks}.{id:N}");

        var first = await fulfilment.Picker.GetFromJsonAsync<PickingQueueResponse>(queue, KafkaPeers.Json, Ct);
        var beforeIt = await fulfilment.Picker.GetFromJsonAsync<PickingQueueResponse>($"{queue}&cursor={Cursor(order.SlotWindowStart, Guid.Empty)}", KafkaPeers.Json, Ct);
        var afterIt = await fulfilment.Picker.GetFromJsonAsync<PickingQueueResponse>($"{queue}&cursor={Cursor(order.SlotWindowStart, order.Id)}", KafkaPeers.Json, Ct);
        var garbage = await fulfilment.Picker.GetAsync($"{queue}&cursor=not-a-cursor", Ct);

        Assert.Equal([fulfilment.OrderId], first!.Orders.Select(o => o.OrderId));
        Assert.Null(first.NextCursor);
        Assert.Equal([fulfilment.OrderId], beforeIt!.Orders.Select(o => o.OrderId));
        Assert.Empty(afterIt!.Orders);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("cursor", (await Fulfilment.ErrorsAsync(garbage)).Keys);
    }
}
