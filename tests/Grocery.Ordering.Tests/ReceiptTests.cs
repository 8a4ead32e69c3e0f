using Grocery.Contracts.Delivery;
using Grocery.Ordering.Apis;
using Line = Grocery.Ordering.Tests.Fulfilment.Line;

namespace Grocery.Ordering.Tests;

public sealed class ReceiptTests(OrderingInfrastructure infrastructure)
{
    private FakeCatalog Catalog => infrastructure.Catalog;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int NewCategory() => Random.Shared.Next(1_000, int.MaxValue);

    [Fact]
    public async Task The_shopper_sees_what_was_substituted_or_removed_and_why_and_a_receipt_to_collect_then_paid()
    {
        var dairy = NewCategory();
        var pork = Catalog.AddShelved("Pork belly", 150_000m, 8, soldByWeight: true, "chilled", NewCategory(), "Meat");
        var milk = Catalog.AddShelved("Fresh milk 1 l", 32_000m, 5, soldByWeight: false, "chilled", dairy, "Dairy", "ml", 1000m);
        var organicMilk = Catalog.AddShelved("Organic milk 1 l", 38_000m, 5, soldByWeight: false, "chilled", dairy, "Dairy", "ml", 1000m);
        var chips = Catalog.AddShelved("Chips", 20_000m, 10, soldByWeight: false, "ambient", NewCategory(), "Snacks");
        infrastructure.Inventory.SetAvailable(organicMilk.Sku, 10);
        var fulfilment = await Fulfilment.ConfirmedAsync(infrastructure,
            new Line(pork, 1.0m), new Line(milk, 2), new Line(chips, 1, SubstitutionPreference.None));
        await fulfilment.ClaimAsync();
        Assert.Null((await fulfilment.Shopper.GetOrderAsync(fulfilment.OrderId))!.Receipt);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PickAsync(1, Catalog.GtinOf(pork.Id), null, 0.95m)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.ShortAsync(2, 0)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.SubstituteAsync(2, organicMilk.Sku, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.ShortAsync(3, 0)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.RemoveAsync(3)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fulfilment.PackAsync(1)).StatusCode);

        var packed = await fulfilment.Shopper.WaitForStatusAsync(fulfilment.OrderId, OrderStatus.ReadyForDispatch);

        Assert.Equal([(milk.Sku, OrderLineChange.Substituted, (string?)organicMilk.Sku, (string?)organicMilk.Name), (chips.Sku, OrderLineChange.Removed, null, null)],
            packed.Changes.Select(c => (c.Sku, c.Change, c.SubstituteSku, c.SubstituteName)));
        Assert.All(packed.Changes, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason), $"{c.Sku} says why"));
        var receipt = packed.Receipt!;
        // By hand: pork 150,000 × 0.95 = 142,500; milk substituted at the original 32,000 × 2 = 64,000; chips removed.
        Assert.Equal([(pork.Sku, 1.0m, 0.95m, (decimal?)0.95m, 150_000m, 142_500m, 8), (milk.Sku, 2m, 2m, null, 32_000m, 64_000m, 5), (chips.Sku, 1m, 0m, null, 20_000m, 0m, 10)],
            receipt.Lines.Select(l => (l.Sku, l.OrderedQuantity, l.DeliveredQuantity, l.WeightKg, l.UnitPrice, l.LineTotal, l.VatRate)));
        Assert.Equal(206_500m, receipt.Subtotal);
        // VAT 5 %: 64,000 × 5 / 105 = 3,047.6 → 3,048; VAT 8 %: 142,500 × 8 / 108 = 10,555.6 → 10,556.
        Assert.Equal([new VatResponse(5, 64_000m, 3_048m), new VatResponse(8, 142_500m, 10_556m)], receipt.Vat);
        Assert.Equal((15_000m, 221_500m), (receipt.DeliveryFee, receipt.Total));
        Assert.Equal((0m, 221_500m), (receipt.Paid, receipt.ToCollect));

        await infrastructure.Peers.PublishAsync(new ShipmentDeliveredIntegrationEvent(fulfilment.OrderId, Guid.NewGuid(), DateTimeOffset.UtcNow, 221_500m, null));
        var delivered = await fulfilment.Shopper.WaitForStatusAsync(fulfilment.OrderId, OrderStatus.Delivered);

        Assert.Equal((221_500m, 0m), (delivered.Receipt!.Paid, delivered.Receipt.ToCollect));
        Assert.Equal(OrderStatus.Delivered, delivered.Timeline[^1].Status);
    }
}
