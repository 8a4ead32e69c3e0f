using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grocery.Contracts.Ordering;

namespace Grocery.Gateway.Tests;

/// <summary>The shopping half of the storefront schema: the basket, slots and the mutations, over fakes of Ordering and Delivery.</summary>
public sealed class StorefrontShoppingGraphQLTests(StorefrontGateway storefront) : IClassFixture<StorefrontGateway>
{
    private const string BasketQuery = "{ basket { lines { sku quantity lineTotal product { slug name } } subtotal vat { rate vat } total } }";

    [Fact]
    public async Task A_basket_makes_the_same_downstream_calls_for_one_line_as_for_twenty()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());
        storefront.Catalog.BasketSize = 1;
        var (one, callsForOne) = await CountingCallsAsync(() => PostAsync(BasketQuery, token: token));
        storefront.Catalog.BasketSize = 20;
        var (twenty, callsForTwenty) = await CountingCallsAsync(() => PostAsync(BasketQuery, token: token));

        Assert.Null(twenty["errors"]);
        Assert.Single(one["data"]!["basket"]!["lines"]!.AsArray());
        var lines = twenty["data"]!["basket"]!["lines"]!.AsArray();
        Assert.Equal(20, lines.Count);
        Assert.All(lines, line => Assert.NotNull(line!["product"]!["slug"]));
        Assert.Equal(2, callsForOne.Count);
        Assert.Equal(callsForOne.Count, callsForTwenty.Count);
        Assert.Contains(callsForTwenty, call => call == "/api/v1/basket");
        Assert.Single(callsForTwenty, call => call.StartsWith("/api/v1/products?ids=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_of_orders_is_one_call_to_ordering_for_one_order_as_for_twenty_and_its_cursor_reaches_the_next()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());
        const string Orders = "query($first: Int, $after: String) { me { orders(first: $first, after: $after) { nodes { id number status estimatedTotal } pageInfo { hasNextPage endCursor } } } }";

        var (one, callsForOne) = await CountingCallsAsync(() => PostAsync(Orders, new { first = 1 }, token));
        var (twenty, callsForTwenty) = await CountingCallsAsync(() => PostAsync(Orders, new { first = 20 }, token));
        var (next, callsForNext) = await CountingCallsAsync(() => PostAsync(Orders, new { first = 20, after = "page-2" }, token));

        Assert.Null(twenty["errors"]);
        Assert.Single(one["data"]!["me"]!["orders"]!["nodes"]!.AsArray());
        var page = twenty["data"]!["me"]!["orders"]!;
        Assert.Equal(20, page["nodes"]!.AsArray().Count);
        Assert.All(page["nodes"]!.AsArray(), o => Assert.Equal(OrderNumber.Of(Guid.Parse((string)o!["id"]!)), (string)o["number"]!));
        Assert.Equal("page-2", (string?)page["pageInfo"]!["endCursor"]);
        Assert.Equal(["/api/v1/orders?limit=1"], callsForOne);
        Assert.Equal(["/api/v1/orders?limit=20"], callsForTwenty);
        Assert.Equal(["/api/v1/orders?limit=20&cursor=page-2"], callsForNext);
        Assert.False((bool)next["data"]!["me"]!["orders"]!["pageInfo"]!["hasNextPage"]!);
    }

    [Fact]
    public async Task An_order_page_out_of_range_is_a_bad_user_input_error_without_asking_ordering()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());

        var (result, calls) = await CountingCallsAsync(() => PostAsync("{ me { orders(first: 0) { nodes { id } } } }", token: token));

        Assert.Equal("BAD_USER_INPUT", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Empty(calls);
    }

    [Fact]
    public async Task An_anonymous_basket_or_basket_change_is_an_authentication_error_without_asking_ordering()
    {
        var (result, calls) = await CountingCallsAsync(() => PostAsync(
            "mutation { setBasketLine(line: { productId: \"00000000-0000-0000-0000-000000000001\", quantity: 1 }) { total } }"));

        Assert.Equal("UNAUTHENTICATED", result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Empty(calls);
    }

    [Fact]
    public async Task A_basket_line_ordering_refuses_comes_back_as_a_bad_user_input_error_naming_the_field()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());

        var result = await PostAsync(
            "mutation { setBasketLine(line: { productId: \"00000000-0000-0000-0000-000000000001\", quantity: 0, substitution: NONE }) { total } }", token: token);

        var error = result["errors"]![0]!;
        Assert.Equal("BAD_USER_INPUT", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("The quantity must be more than zero.", error["extensions"]!["fields"]!["quantity"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Slots_for_a_postcode_are_the_zones_windows_between_from_and_to_and_none_outside_every_zone()
    {
        var from = FakeReadApis.FirstWindow.AddHours(3).ToString("O");
        var to = FakeReadApis.FirstWindow.AddHours(13).ToString("O");
        var (result, calls) = await CountingCallsAsync(() => PostAsync(
            "query($from: DateTimeOffset, $to: DateTimeOffset) { slots(postcode: \"700000\", from: $from, to: $to) { id windowStart remaining fee } }",
            new { from, to }));
        var outside = await PostAsync("{ slots(postcode: \"00000\") { id } }");

        Assert.Null(result["errors"]);
        // Windows start every four hours and last two: those starting at +4 h, +8 h and +12 h overlap (+3 h, +13 h).
        Assert.Equal(3, result["data"]!["slots"]!.AsArray().Count);
        Assert.Equal([$"/api/v1/zones/lookup?postcode=700000", $"/api/v1/slots?zoneId={FakeReadApis.ZoneId}"], calls);
        Assert.Null(outside["errors"]);
        Assert.Empty(outside["data"]!["slots"]!.AsArray());
    }

    [Fact]
    public async Task Holding_a_slot_passes_the_callers_token_to_delivery_and_answers_the_hold()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());
        var slotId = Guid.NewGuid();

        var (result, calls) = await CountingCallsAsync(() => PostAsync(
            "mutation($slot: ID!) { holdSlot(slotId: $slot) { holdId slotId expiresAt } }", new { slot = slotId }, token: token));

        Assert.Null(result["errors"]);
        Assert.Equal(slotId.ToString(), result["data"]!["holdSlot"]!["slotId"]!.GetValue<string>());
        Assert.Equal([$"/api/v1/slots/{slotId}/holds"], calls);
    }

    private async Task<(JsonNode Result, List<string> Calls)> CountingCallsAsync(Func<Task<JsonNode>> act)
    {
        var before = storefront.Catalog.Calls.Count;
        var result = await act();
        return (result, storefront.Catalog.Calls.Skip(before).ToList());
    }

    private async Task<JsonNode> PostAsync(string query, object? variables = null, string? token = null)
    {
        using var client = storefront.Gateway.ClientFrom(TwoGateways.NextAddress());
        if (token is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await client.PostAsJsonAsync("/graphql", new { query, variables }, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }
}
