using Grocery.Ordering.Apis;
using Grocery.Ordering.Basket;

namespace Grocery.Ordering.Tests;

public sealed class BasketTests(OrderingInfrastructure infrastructure)
{
    private static async Task<BasketResponse> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BasketResponse>(KafkaPeers.Json))!;
    }

    [Fact]
    public async Task A_basket_is_priced_in_one_catalog_call_with_vat_per_rate_fee_and_minimum_from_the_zone()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var zone = infrastructure.Delivery.AddZone(minimumBasketValue: 200_000m, standardFee: 15_000m);
        var rice = infrastructure.Catalog.Add("Rice 5kg", 125_000m, taxClass: 5);
        var beef = infrastructure.Catalog.Add("Beef", 289_900m, taxClass: 8, soldByWeight: true);
        await shopper.PutLineAsync(rice.Id, 1);
        await shopper.PutLineAsync(beef.Id, 0.3m);
        var callsBefore = infrastructure.Catalog.CallsFor(rice.Id, beef.Id);

        var basket = await ReadAsync(await shopper.Client.GetAsync($"/api/v1/basket?postcode={zone.Postcode}", TestContext.Current.CancellationToken));

        var callsAfter = infrastructure.Catalog.CallsFor(rice.Id, beef.Id);
        Assert.Equal((1, 1), (callsAfter.Any - callsBefore.Any, callsAfter.All - callsBefore.All));
        Assert.Equal([125_000m, 86_970m], basket.Lines.Select(l => l.LineTotal));
        Assert.True(basket.Lines.Single(l => l.ProductId == beef.Id).IsEstimate);
        Assert.Equal("kg", basket.Lines.Single(l => l.ProductId == beef.Id).Unit);
        Assert.Equal(211_970m, basket.Subtotal);
        Assert.Equal([(5, 5_952m), (8, 6_442m)], basket.Vat.Select(v => (v.Rate, v.Vat)));
        Assert.Equal(15_000m, basket.DeliveryFee);
        Assert.Equal(226_970m, basket.Total);
        Assert.True(basket.Zone!.MeetsMinimum);
        Assert.True(basket.IsEstimate);
    }

    [Fact]
    public async Task Changing_a_line_reads_the_product_and_the_rest_of_the_basket_in_one_catalog_call()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var rice = infrastructure.Catalog.Add("Rice 5kg", 125_000m, taxClass: 5);
        var eggs = infrastructure.Catalog.Add("Eggs", 40_000m, taxClass: 5);
        await shopper.PutLineAsync(rice.Id, 1);
        var callsBefore = infrastructure.Catalog.CallsFor(rice.Id, eggs.Id);

        var basket = await ReadAsync(await shopper.Client.PutAsJsonAsync($"/api/v1/basket/lines/{eggs.Id}", new UpdateBasketLineRequest(2, null, null, null),
            KafkaPeers.Json, TestContext.Current.CancellationToken));

        var callsAfter = infrastructure.Catalog.CallsFor(rice.Id, eggs.Id);
        Assert.Equal((1, 1), (callsAfter.Any - callsBefore.Any, callsAfter.All - callsBefore.All));
        Assert.Equal([125_000m, 80_000m], basket.Lines.Select(l => l.LineTotal));
        Assert.Equal(205_000m, basket.Subtotal);
    }

    [Fact]
    public async Task A_changed_price_is_refreshed_and_flagged_once()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var milk = infrastructure.Catalog.Add("Milk", 32_000m);
        await shopper.PutLineAsync(milk.Id, 2);
        infrastructure.Catalog.SetPrice(milk.Id, 35_000m);

        var first = await ReadAsync(await shopper.Client.GetAsync("/api/v1/basket", TestContext.Current.CancellationToken));
        var second = await ReadAsync(await shopper.Client.GetAsync("/api/v1/basket", TestContext.Current.CancellationToken));

        var line = Assert.Single(first.Lines);
        Assert.True(first.PricesChanged);
        Assert.True(line.PriceChanged);
        Assert.Equal(32_000m, line.PreviousPrice);
        Assert.Equal(70_000m, line.LineTotal);
        Assert.False(second.PricesChanged);
    }

    [Fact]
    public async Task Weighed_goods_outside_tenth_of_a_kilo_steps_are_refused_naming_the_field()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var beef = infrastructure.Catalog.Add("Beef", 289_900m, soldByWeight: true);

        var response = await shopper.Client.PutAsJsonAsync($"/api/v1/basket/lines/{beef.Id}", new UpdateBasketLineRequest(0.25m, null, null, null), KafkaPeers.Json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"quantity\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_named_substitute_and_a_note_are_kept_on_the_line_and_a_line_can_be_removed()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var eggs = infrastructure.Catalog.Add("Eggs", 30_000m);
        var bread = infrastructure.Catalog.Add("Bread", 20_000m);
        var ct = TestContext.Current.CancellationToken;

        await shopper.Client.PutAsJsonAsync($"/api/v1/basket/lines/{eggs.Id}",
            new UpdateBasketLineRequest(1, SubstitutionPreference.NamedSku, "SKU-FREE-RANGE", "Large ones please"), KafkaPeers.Json, ct);
        await shopper.PutLineAsync(bread.Id, 1);
        var removed = await shopper.Client.DeleteAsync($"/api/v1/basket/lines/{bread.Id}", ct);
        var basket = await ReadAsync(await shopper.Client.GetAsync("/api/v1/basket", ct));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var line = Assert.Single(basket.Lines);
        Assert.Equal(SubstitutionPreference.NamedSku, line.Substitution);
        Assert.Equal("SKU-FREE-RANGE", line.SubstituteSku);
        Assert.Equal("Large ones please", line.Note);
    }

    [Fact]
    public async Task A_named_substitution_without_a_sku_is_refused()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var eggs = infrastructure.Catalog.Add("Eggs", 30_000m);

        var response = await shopper.Client.PutAsJsonAsync($"/api/v1/basket/lines/{eggs.Id}",
            new UpdateBasketLineRequest(1, SubstitutionPreference.NamedSku, null, null), KafkaPeers.Json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"substituteSku\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_guest_basket_merges_into_the_account_at_login()
    {
        var app = await infrastructure.SharedAppAsync();
        var ct = TestContext.Current.CancellationToken;
        var apples = infrastructure.Catalog.Add("Apples", 50_000m, soldByWeight: true);
        var tea = infrastructure.Catalog.Add("Tea", 45_000m);
        var guest = app.CreateClient();
        var first = await guest.PutAsJsonAsync($"/api/v1/basket/lines/{apples.Id}", new UpdateBasketLineRequest(1.2m, null, null, null), KafkaPeers.Json, ct);
        var basketId = first.Headers.GetValues("X-Basket-Id").Single();
        var shopper = new Shopper(app, infrastructure);
        await shopper.PutLineAsync(tea.Id, 1);

        using var merge = new HttpRequestMessage(HttpMethod.Post, "/api/v1/basket/merge");
        merge.Headers.Add("X-Basket-Id", basketId);
        var merged = await ReadAsync(await shopper.Client.SendAsync(merge, ct));
        var guestAfter = new HttpRequestMessage(HttpMethod.Get, "/api/v1/basket");
        guestAfter.Headers.Add("X-Basket-Id", basketId);
        var guestBasket = await ReadAsync(await guest.SendAsync(guestAfter, ct));

        Assert.Equal([tea.Id, apples.Id], merged.Lines.Select(l => l.ProductId).OrderBy(id => id == apples.Id));
        Assert.Equal(1.2m, merged.Lines.Single(l => l.ProductId == apples.Id).Quantity);
        Assert.Empty(guestBasket.Lines);
    }

    [Fact]
    public async Task Merging_requires_a_signed_in_shopper()
    {
        var app = await infrastructure.SharedAppAsync();

        var response = await app.CreateClient().PostAsync("/api/v1/basket/merge", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
