using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grocery.EndToEnd.Tests.Hardening;
using Grocery.EndToEnd.Tests.Support;

namespace Grocery.EndToEnd.Tests.PublicEdge;

/// <summary>A shopper's whole checkout through the storefront schema at the gateway, against the running Ordering, Delivery, Inventory and Catalog.</summary>
public sealed class StorefrontCheckoutGraphQLTests(GroceryAppFixture system)
{
    private const string Checkout = """
        mutation($hold: ID!, $key: String!, $address: CheckoutAddressInput) {
          checkout(slotHoldId: $hold, paymentMethod: CASH_ON_DELIVERY, idempotencyKey: $key, address: $address) {
            orderId number status repeated clientSecret
          }
        }
        """;

    private const string Order = """
        query($id: ID!) {
          order(id: $id) {
            id number status paymentMethod estimatedTotal
            lines { sku quantity product { sku } }
            substitutions { sku }
            receipt { total }
            slot { slotId windowStart }
            timeline { status at }
            delivery { status }
          }
        }
        """;

    [Fact]
    public async Task A_shopper_fills_the_basket_holds_a_slot_and_checks_out_with_cash_through_graphql_once_for_one_key_and_reads_the_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var products = await CatalogProducts.SoldByThePieceAsync(system, 2, ct);
        var store = await TestStore.OpenAsync(system, products.ToDictionary(p => p.Sku, _ => 10m), slotCapacity: 5, ct);
        var shopper = await SystemAccounts.ShopperAsync(system, 2, ct);
        var other = await SystemAccounts.ShopperAsync(system, 1, ct);
        await shopper.FillBasketAsync(Array.Empty<(ProductSummary, decimal)>(), ct); // whatever an earlier test left

        foreach (var (product, quantity) in new[] { (products[0], 2), (products[1], 1) })
            Assert.Null((await PostAsync("mutation($line: BasketLineInput!) { setBasketLine(line: $line) { total } }",
                new { line = new { productId = product.Id, quantity, substitution = "NONE" } }, shopper.AccessToken, ct))["errors"]);
        var hold = await PostAsync("mutation($slot: ID!) { holdSlot(slotId: $slot) { holdId } }", new { slot = store.Slot.Id }, shopper.AccessToken, ct);
        Assert.Null(hold["errors"]);
        var checkout = new { hold = hold["data"]!["holdSlot"]!["holdId"]!.GetValue<string>(), key = Guid.NewGuid().ToString(), address = ShopperSession.DropOff(store.Postcode) };

        var placed = await PostAsync(Checkout, checkout, shopper.AccessToken, ct);
        var again = await PostAsync(Checkout, checkout, shopper.AccessToken, ct);

        Assert.Null(placed["errors"]);
        Assert.Null(again["errors"]);
        var orderId = placed["data"]!["checkout"]!["orderId"]!.GetValue<string>();
        Assert.False(placed["data"]!["checkout"]!["repeated"]!.GetValue<bool>());
        Assert.True(again["data"]!["checkout"]!["repeated"]!.GetValue<bool>());
        Assert.Equal(orderId, again["data"]!["checkout"]!["orderId"]!.GetValue<string>());
        Assert.Null(placed["data"]!["checkout"]!["clientSecret"]);
        var history = await PostAsync("{ me { orders(first: 100) { nodes { id } } } }", null, shopper.AccessToken, ct);
        Assert.Single(history["data"]!["me"]!["orders"]!["nodes"]!.AsArray(), o => o!["id"]!.GetValue<string>() == orderId);

        var confirmed = await shopper.WaitUntilFinalAsync(Guid.Parse(orderId), ct);
        // Renews either token if it is close to expiring after the wait.
        await shopper.ClientAsync(ResourceNames.Ordering, ct);
        await other.ClientAsync(ResourceNames.Ordering, ct);
        var read = await PostAsync(Order, new { id = orderId }, shopper.AccessToken, ct);
        var byOther = await PostAsync(Order, new { id = orderId }, other.AccessToken, ct);
        var anonymous = await PostAsync(Order, new { id = orderId }, null, ct);

        Assert.Equal(OrderStatuses.Confirmed, confirmed.Status);
        Assert.Null(read["errors"]);
        var order = read["data"]!["order"]!;
        Assert.Equal(placed["data"]!["checkout"]!["number"]!.GetValue<string>(), order["number"]!.GetValue<string>());
        Assert.Equal("CashOnDelivery", order["paymentMethod"]!.GetValue<string>());
        Assert.Equal(new[] { (products[0].Sku, 2m), (products[1].Sku, 1m) }.Order(),
            order["lines"]!.AsArray().Select(l => (l!["sku"]!.GetValue<string>(), l["quantity"]!.GetValue<decimal>())).Order());
        Assert.All(order["lines"]!.AsArray(), l => Assert.Equal(l!["sku"]!.GetValue<string>(), l["product"]!["sku"]!.GetValue<string>()));
        Assert.Equal(store.Slot.Id.ToString(), order["slot"]!["slotId"]!.GetValue<string>());
        Assert.Contains(order["timeline"]!.AsArray(), e => e!["status"]!.GetValue<string>() == "Placed");
        Assert.Contains(order["timeline"]!.AsArray(), e => e!["status"]!.GetValue<string>() == OrderStatuses.Confirmed);
        Assert.Empty(order["substitutions"]!.AsArray());
        Assert.Null(order["receipt"]);
        Assert.Null(byOther["errors"]);
        Assert.Null(byOther["data"]!["order"]);
        Assert.Equal("UNAUTHENTICATED", anonymous["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private async Task<JsonNode> PostAsync(string query, object? variables, string? token, CancellationToken ct)
    {
        using var gateway = ClientAddresses.GatewayClient(system, ClientAddresses.Next());
        if (token is not null) gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await gateway.PostAsJsonAsync("/graphql", new { query, variables }, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
    }
}
