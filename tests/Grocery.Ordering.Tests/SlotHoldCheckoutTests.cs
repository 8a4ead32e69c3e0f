using System.Text.Json;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Checkout;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Ordering.Tests;

/// <summary>A slot hold backs at most one order, whatever the Idempotency-Keys of the checkouts racing for it.</summary>
public sealed class SlotHoldCheckoutTests(OrderingInfrastructure infrastructure)
{
    [Fact]
    public async Task Eight_parallel_checkouts_of_one_basket_and_hold_with_different_keys_place_one_order_and_refuse_the_rest_naming_the_hold()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shopper.CheckoutAsync(Guid.NewGuid().ToString())));

        var placed = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var refused = responses.Where(r => r != placed).ToList();
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        foreach (var response in refused) Assert.Contains("slotHoldId", await ErrorKeysAsync(response));
        var order = (await placed.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, TestContext.Current.CancellationToken))!;
        Assert.Equal([order.Id], await app.WithDbAsync(db => db.Orders.Where(o => o.UserId == shopper.UserId).Select(o => o.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_hold_that_already_backs_an_order_refuses_another_checkout_and_the_new_basket_is_kept()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var first = await shopper.PlaceOrderAsync();
        foreach (var product in shopper.Products) await shopper.PutLineAsync(product.Id, 3);

        var again = await shopper.CheckoutAsync(Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("slotHoldId", out _));
        Assert.Equal(first.Id, problem.RootElement.GetProperty("orderId").GetGuid());
        Assert.Equal(1, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.UserId == shopper.UserId)));
        Assert.Equal([3m, 3m], (await shopper.BasketAsync()).Lines.Select(l => l.Quantity));
    }

    [Fact]
    public async Task Replaying_the_winning_key_after_the_hold_is_taken_still_returns_the_same_order()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        var key = Guid.NewGuid().ToString();
        var first = await shopper.CheckoutAsync(key);

        var replay = await shopper.CheckoutAsync(key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, TestContext.Current.CancellationToken))!.Id,
            (await replay.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json, TestContext.Current.CancellationToken))!.Id);
    }

    [Fact]
    public async Task Another_shoppers_order_on_the_hold_is_not_revealed_in_the_conflict()
    {
        var app = await infrastructure.SharedAppAsync();
        var owner = await new Shopper(app, infrastructure).ReadyAsync();
        await owner.PlaceOrderAsync();
        var other = await new Shopper(app, infrastructure).ReadyAsync();

        var response = await other.CheckoutAsync(request: owner.Request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(problem.RootElement.TryGetProperty("orderId", out _));
        Assert.Equal(2, (await other.BasketAsync()).Lines.Count);
    }

    internal static async Task<IReadOnlyList<string>> ErrorKeysAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];
    }
}
