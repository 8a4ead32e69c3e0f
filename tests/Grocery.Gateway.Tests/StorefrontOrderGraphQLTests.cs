using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grocery.Contracts.Ordering;

namespace Grocery.Gateway.Tests;

/// <summary><c>order(id)</c> and the <c>checkout</c> mutation, over fakes of Ordering, Delivery and Catalog.</summary>
public sealed class StorefrontOrderGraphQLTests(StorefrontGateway storefront) : IClassFixture<StorefrontGateway>
{
    private const string OrderQuery = """
        query($id: ID!) {
          order(id: $id) {
            id number status paymentMethod estimatedTotal canCancel
            lines { sku quantity unit substitution note product { slug } }
            substitutions { sku change substituteSku substituteName reason }
            receipt { total toCollect lines { sku deliveredQuantity weightKg state } vat { rate vat } }
            slot { windowStart windowEnd }
            timeline { status at }
            delivery { carrier trackingNumber status events { status description } }
          }
        }
        """;

    private const string Checkout = """
        mutation($hold: ID!, $method: PaymentMethod!, $key: String!, $address: CheckoutAddressInput) {
          checkout(slotHoldId: $hold, paymentMethod: $method, idempotencyKey: $key, address: $address) {
            orderId number status repeated clientSecret publishableKey order { id lines { sku } }
          }
        }
        """;

    private static readonly object DropOff = new { recipientName = "Nguyễn Thị Lan", phone = "+84901234567", street = "34 Pasteur", district = "Quận 1", postcode = "700000" };

    [Fact]
    public async Task An_order_comes_with_its_lines_substitutions_final_amounts_slot_timeline_and_tracking_in_one_call_per_service()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());

        var (result, calls) = await CountingCallsAsync(() => PostAsync(OrderQuery, new { id = FakeReadApis.PackedOrderId }, token));

        Assert.Null(result["errors"]);
        var order = result["data"]!["order"]!;
        Assert.Equal("00000001", order["number"]!.GetValue<string>());
        Assert.Equal("Packed", order["status"]!.GetValue<string>());
        Assert.Equal(["SKU-1", "SKU-2"], order["lines"]!.AsArray().Select(l => l!["sku"]!.GetValue<string>()));
        Assert.All(order["lines"]!.AsArray(), line => Assert.NotNull(line!["product"]!["slug"]));
        var substitution = Assert.Single(order["substitutions"]!.AsArray())!;
        Assert.Equal(("Substituted", "SKU-9"), (substitution["change"]!.GetValue<string>(), substitution["substituteSku"]!.GetValue<string>()));
        Assert.Equal(97000m, order["receipt"]!["total"]!.GetValue<decimal>());
        Assert.Equal(0.55m, order["receipt"]!["lines"]![1]!["weightKg"]!.GetValue<decimal>());
        Assert.Equal(["Placed", "Packed"], order["timeline"]!.AsArray().Select(e => e!["status"]!.GetValue<string>()));
        Assert.Equal("GRAB-123", order["delivery"]!["trackingNumber"]!.GetValue<string>());
        Assert.Equal("Booked", order["delivery"]!["events"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(3, calls.Count);
        Assert.Contains($"/api/v1/orders/{FakeReadApis.PackedOrderId}", calls);
        Assert.Contains($"/api/v1/shipments/{FakeReadApis.PackedOrderId}", calls);
        Assert.Single(calls, call => call.StartsWith("/api/v1/products?ids=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_ordering_does_not_know_for_the_shopper_is_null_and_delivery_is_not_asked()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());
        var someoneElses = Guid.NewGuid();

        var (result, calls) = await CountingCallsAsync(() => PostAsync(OrderQuery, new { id = someoneElses }, token));

        Assert.Null(result["errors"]);
        Assert.Null(result["data"]!["order"]);
        Assert.Equal([$"/api/v1/orders/{someoneElses}"], calls);
    }

    [Fact]
    public async Task An_order_id_that_is_not_one_is_a_bad_user_input_error_naming_it_without_asking_ordering()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());

        var (result, calls) = await CountingCallsAsync(() => PostAsync("{ order(id: \"not-an-id\") { id } }", token: token));

        Assert.Equal("BAD_USER_INPUT", Code(result));
        Assert.NotNull(result["errors"]![0]!["extensions"]!["fields"]!["id"]);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task An_anonymous_order_or_checkout_is_an_authentication_error_without_asking_ordering()
    {
        var keysBefore = storefront.Catalog.IdempotencyKeys.Count;

        var (order, orderCalls) = await CountingCallsAsync(() => PostAsync(OrderQuery, new { id = FakeReadApis.PackedOrderId }));
        var (checkout, checkoutCalls) = await CountingCallsAsync(() => PostAsync(Checkout,
            new { hold = Guid.NewGuid(), method = "CASH_ON_DELIVERY", key = Guid.NewGuid().ToString(), address = DropOff }));

        Assert.Equal("UNAUTHENTICATED", Code(order));
        Assert.Equal("UNAUTHENTICATED", Code(checkout));
        Assert.Empty(orderCalls);
        Assert.Empty(checkoutCalls);
        Assert.Equal(keysBefore, storefront.Catalog.IdempotencyKeys.Count);
    }

    [Fact]
    public async Task Checkout_passes_the_idempotency_key_to_ordering_and_the_same_key_again_answers_the_same_order_as_a_repeat()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());
        var key = Guid.NewGuid().ToString();
        var variables = new { hold = Guid.NewGuid(), method = "CASH_ON_DELIVERY", key, address = DropOff };

        var first = await PostAsync(Checkout, variables, token);
        var again = await PostAsync(Checkout, variables, token);

        Assert.Null(first["errors"]);
        Assert.Null(again["errors"]);
        var placed = first["data"]!["checkout"]!;
        var repeated = again["data"]!["checkout"]!;
        Assert.False(placed["repeated"]!.GetValue<bool>());
        Assert.True(repeated["repeated"]!.GetValue<bool>());
        Assert.Equal(placed["orderId"]!.GetValue<string>(), repeated["orderId"]!.GetValue<string>());
        Assert.Equal(placed["orderId"]!.GetValue<string>(), placed["order"]!["id"]!.GetValue<string>());
        Assert.Equal(OrderNumber.Of(Guid.Parse(placed["orderId"]!.GetValue<string>())), placed["number"]!.GetValue<string>());
        Assert.Equal("Placed", placed["status"]!.GetValue<string>());
        Assert.Null(placed["clientSecret"]);
        Assert.Equal(2, storefront.Catalog.IdempotencyKeys.Count(k => k == key));
    }

    [Fact]
    public async Task A_card_checkout_answers_the_client_secret_the_browser_confirms_the_card_with()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());

        var result = await PostAsync(Checkout, new { hold = Guid.NewGuid(), method = "CARD", key = Guid.NewGuid().ToString(), address = DropOff }, token);

        Assert.Null(result["errors"]);
        var checkout = result["data"]!["checkout"]!;
        Assert.Equal($"pi_{Guid.Parse(checkout["orderId"]!.GetValue<string>()):N}_secret_test", checkout["clientSecret"]!.GetValue<string>());
        Assert.Equal("pk_test_grocery", checkout["publishableKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_checkout_ordering_refuses_is_a_bad_user_input_error_naming_the_field()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());

        var result = await PostAsync(Checkout, new { hold = FakeReadApis.LapsedHoldId, method = "CASH_ON_DELIVERY", key = Guid.NewGuid().ToString(), address = DropOff }, token);

        Assert.Null(result["data"]);
        Assert.Equal("BAD_USER_INPUT", Code(result));
        Assert.Equal("Your delivery slot is no longer held.", result["errors"]![0]!["extensions"]!["fields"]!["slotHoldId"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_ordering_saw_with_another_checkout_is_a_bad_user_input_error_naming_the_idempotency_key()
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());

        var result = await PostAsync(Checkout, new { hold = Guid.NewGuid(), method = "CASH_ON_DELIVERY", key = FakeReadApis.ReusedKey, address = DropOff }, token);

        Assert.Equal("BAD_USER_INPUT", Code(result));
        Assert.StartsWith("This Idempotency-Key was already used", result["errors"]![0]!["extensions"]!["fields"]!["idempotencyKey"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_checkout_without_an_idempotency_key_is_refused_without_asking_ordering(string? key)
    {
        var token = storefront.Identity.CreateToken(Guid.NewGuid().ToString());
        var keysBefore = storefront.Catalog.IdempotencyKeys.Count;

        var (result, calls) = await CountingCallsAsync(() => PostAsync(Checkout, new { hold = Guid.NewGuid(), method = "CASH_ON_DELIVERY", key, address = DropOff }, token));

        Assert.NotNull(result["errors"]);
        Assert.Null(result["data"]?["checkout"]);
        if (key is not null) Assert.NotNull(result["errors"]![0]!["extensions"]!["fields"]!["idempotencyKey"]);
        Assert.Empty(calls);
        Assert.Equal(keysBefore, storefront.Catalog.IdempotencyKeys.Count);
    }

    private static string Code(JsonNode result) => result["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

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
