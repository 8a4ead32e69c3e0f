using Grocery.Contracts.Ordering;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Checkout;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Ordering.Tests;

public sealed class CheckoutTests(OrderingInfrastructure infrastructure)
{
    [Fact]
    public async Task Checkout_snapshots_prices_publishes_order_placed_and_extends_the_hold_as_the_shopper()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();

        var order = await shopper.PlaceOrderAsync();
        infrastructure.Catalog.SetPrice(shopper.Products[0].Id, 99_000m);

        var placed = await infrastructure.Peers.WaitForAsync<OrderPlacedIntegrationEvent>(order.Id);
        Assert.Equal(shopper.Zone.WarehouseId, placed.WarehouseId);
        Assert.Equal(shopper.Zone.ZoneId, placed.ZoneId);
        Assert.Equal(shopper.Hold.HoldId, placed.SlotHoldId);
        Assert.Equal(shopper.Hold.SlotId, placed.SlotId);
        Assert.Equal([80_000m, 82_000m], placed.Lines.Select(l => l.EstimatedLineTotal));
        Assert.Equal(162_000m + 15_000m, placed.EstimatedTotal);
        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal(40_000m, (await shopper.GetOrderAsync(order.Id))!.Items[0].UnitPrice);
        Assert.All(infrastructure.Delivery.AuthorizationHeadersForExtend(shopper.Hold.HoldId), h => Assert.StartsWith("Bearer ", h));
        var basket = await shopper.Client.GetFromJsonAsync<BasketResponse>("/api/v1/basket", KafkaPeers.Json, TestContext.Current.CancellationToken);
        Assert.Empty(basket!.Lines);
    }

    [Fact]
    public async Task Repeating_a_checkout_with_the_same_key_returns_the_same_order()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var key = Guid.NewGuid().ToString();

        var first = await shopper.CheckoutAsync(key);
        var again = await shopper.CheckoutAsync(key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, TestContext.Current.CancellationToken))!.Id,
            (await again.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, TestContext.Current.CancellationToken))!.Id);
    }

    [Fact]
    public async Task Reusing_a_key_with_a_different_body_is_refused_with_422()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var key = Guid.NewGuid().ToString();
        await shopper.CheckoutAsync(key);

        var other = await shopper.CheckoutAsync(key, shopper.Request with { District = "Quận 1" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Twenty_parallel_duplicate_checkouts_place_exactly_one_order()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => shopper.CheckoutAsync(key)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json))!.Id));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.UserId == shopper.UserId)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_expired_slot_hold_is_refused_at_checkout_with_a_problem_naming_the_hold()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        infrastructure.Delivery.Expire(shopper.Hold.HoldId);

        var response = await shopper.CheckoutAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"slotHoldId\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.UserId == shopper.UserId)));
    }

    [Fact]
    public async Task A_basket_below_the_zone_minimum_is_refused()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        await shopper.ReadyAsync(lines: 0);
        var gum = infrastructure.Catalog.Add("Gum", 10_000m);
        await shopper.PutLineAsync(gum.Id, 1);

        var response = await shopper.CheckoutAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("minimum", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Checkout_without_an_idempotency_key_or_address_names_the_missing_field()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var ct = TestContext.Current.CancellationToken;

        var noKey = await shopper.Client.PostAsJsonAsync("/api/v1/orders", shopper.Request, KafkaPeers.Json, ct);
        var noAddress = await shopper.CheckoutAsync(request: shopper.Request with { Address = null });
        var nowhere = await shopper.CheckoutAsync(request: shopper.Request with { Postcode = null, Address = shopper.Address with { Postcode = "000000" } });

        Assert.Contains("\"idempotencyKey\"", await noKey.Content.ReadAsStringAsync(ct));
        Assert.Contains("\"addressId\"", await noAddress.Content.ReadAsStringAsync(ct));
        Assert.Contains("do not deliver", await nowhere.Content.ReadAsStringAsync(ct));
        Assert.All([noKey, noAddress, nowhere], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task Checkout_requires_a_signed_in_shopper()
    {
        var app = await infrastructure.SharedAppAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/orders", new { }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
