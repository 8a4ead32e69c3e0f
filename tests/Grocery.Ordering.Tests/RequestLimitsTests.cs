using System.Net.Http.Headers;
using System.Text;
using Grocery.Ordering.Checkout;
using Microsoft.EntityFrameworkCore;

namespace Grocery.Ordering.Tests;

/// <summary>Every request field is checked against the limits of what Ordering stores and publishes; a refused request writes nothing.</summary>
public sealed class RequestLimitsTests(OrderingInfrastructure infrastructure)
{
    public static TheoryData<string, string> BadBasketLines => new()
    {
        { """{"quantity":0}""", "quantity" },
        { """{"quantity":-1}""", "quantity" },
        { """{"quantity":100000000000000000000}""", "quantity" },
        { """{"quantity":1.5}""", "quantity" },
        { """{"quantity":1,"substitution":42}""", "substitution" },
        { """{"quantity":1,"substitution":"NamedSku"}""", "substituteSku" },
        { """{"quantity":1,"substitution":"NamedSku","substituteSku":"SKU-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123"}""", "substituteSku" },
        { """{"quantity":1,"substitution":"NamedSku","substituteSku":"SKU\u0000A"}""", "substituteSku" },
        { """{"quantity":1,"substitution":"NamedSku","substituteSku":"SKU A"}""", "substituteSku" },
        { """{"quantity":1,"substitution":"NamedSku","substituteSku":"TWO_MEGABYTES"}""", "substituteSku" },
        { $$"""{"quantity":1,"note":"{{new string('n', 501)}}"}""", "note" },
        { """{"quantity":1,"note":"ring\u0000twice"}""", "note" },
    };

    [Theory]
    [MemberData(nameof(BadBasketLines))]
    public async Task A_basket_line_outside_the_limits_is_refused_naming_the_field_and_the_basket_is_unchanged(string body, string field)
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var kept = infrastructure.Catalog.Add("Kept", 20_000m);
        var product = infrastructure.Catalog.Add("Apples", 30_000m);
        await shopper.PutLineAsync(kept.Id, 1);

        var response = await shopper.Client.PutAsync($"/api/v1/basket/lines/{product.Id}",
            Json(body.Replace("TWO_MEGABYTES", new string('S', 2_000_000))), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await SlotHoldCheckoutTests.ErrorKeysAsync(response));
        var basket = await shopper.BasketAsync();
        Assert.Equal([(kept.Id, 1m)], basket.Lines.Select(l => (l.ProductId, l.Quantity)));
    }

    [Fact]
    public async Task A_valid_line_at_every_limit_is_stored()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        var beef = infrastructure.Catalog.Add("Beef", 289_900m, soldByWeight: true);
        var body = $$"""{"quantity":50.0,"substitution":"NamedSku","substituteSku":"{{new string('S', OrderingLimits.SkuMaxLength)}}","note":"{{new string('n', OrderingLimits.NoteMaxLength - 7)}}\nthanks"}""";

        var response = await shopper.Client.PutAsync($"/api/v1/basket/lines/{beef.Id}", Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single((await shopper.BasketAsync()).Lines);
        Assert.Equal(50m, line.Quantity);
        Assert.Equal(OrderingLimits.NoteMaxLength, line.Note!.Length);
    }

    [Fact]
    public async Task A_basket_holds_at_most_the_line_limit()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);
        for (var i = 0; i < OrderingLimits.MaxBasketLines; i++) await shopper.PutLineAsync(infrastructure.Catalog.Add($"Item {i}", 1_000m).Id, 1);

        var response = await shopper.Client.PutAsync($"/api/v1/basket/lines/{infrastructure.Catalog.Add("One too many", 1_000m).Id}",
            Json("""{"quantity":1}"""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("productId", await SlotHoldCheckoutTests.ErrorKeysAsync(response));
        Assert.Equal(OrderingLimits.MaxBasketLines, (await shopper.BasketAsync()).Lines.Count);
    }

    public static TheoryData<string, string, string> BadCheckouts => new()
    {
        { "{}", "key", "slotHoldId" },
        { """{"slotHoldId":"HOLD","postcode":"12345678901234567"}""", "key", "postcode" },
        { """{"slotHoldId":"HOLD","postcode":"70\u00000000"}""", "key", "postcode" },
        { $$"""{"slotHoldId":"HOLD","district":"{{new string('d', 129)}}"}""", "key", "district" },
        { """{"slotHoldId":"HOLD","postcode":"POSTCODE","paymentMethod":7}""", "key", "paymentMethod" },
        { """{"slotHoldId":"HOLD","postcode":"POSTCODE"}""", new string('k', 129), "idempotencyKey" },
    };

    [Theory]
    [MemberData(nameof(BadCheckouts))]
    public async Task A_checkout_outside_the_limits_is_refused_naming_the_field_and_writes_nothing(string body, string key, string field)
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = Json(body.Replace("HOLD", shopper.Hold.HoldId.ToString()).Replace("POSTCODE", shopper.Zone.Postcode)),
        };
        message.Headers.Add("Idempotency-Key", key == "key" ? Guid.NewGuid().ToString() : key);

        var response = await shopper.Client.SendAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await SlotHoldCheckoutTests.ErrorKeysAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.UserId == shopper.UserId)));
        Assert.Equal(2, (await shopper.BasketAsync()).Lines.Count);
    }

    [Fact]
    public async Task A_zone_with_a_postcode_of_the_longest_length_delivery_accepts_can_be_checked_out()
    {
        var app = await infrastructure.SharedAppAsync();
        var postcode = "VN" + Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString() + "X";
        Assert.Equal(Grocery.Contracts.Delivery.AddressLimits.PostcodeMaxLength, postcode.Length);
        var shopper = await new Shopper(app, infrastructure).ReadyAsync(postcode: postcode);

        var order = await shopper.PlaceOrderAsync();

        Assert.Equal(postcode, await app.WithDbAsync(db => db.Orders.Where(o => o.Id == order.Id).Select(o => o.Postcode).SingleAsync()));
    }

    [Theory]
    [InlineData("postcode=12345678901234567", "postcode")]
    [InlineData("postcode=70%000000", "postcode")]
    [InlineData("district=Qu%01n", "district")]
    public async Task A_basket_priced_for_an_address_outside_the_limits_is_refused_naming_the_field(string query, string field)
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);

        var response = await shopper.Client.GetAsync($"/api/v1/basket?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await SlotHoldCheckoutTests.ErrorKeysAsync(response));
    }

    [Theory]
    [InlineData("limit=0", HttpStatusCode.BadRequest)]
    [InlineData("limit=101", HttpStatusCode.BadRequest)]
    [InlineData("limit=100", HttpStatusCode.OK)]
    public async Task The_order_list_checks_its_page_size(string query, HttpStatusCode expected)
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = new Shopper(app, infrastructure);

        var response = await shopper.Client.GetAsync($"/api/v1/orders?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest) Assert.Contains("limit", await SlotHoldCheckoutTests.ErrorKeysAsync(response));
    }

    [Fact]
    public async Task A_stored_line_that_breaks_a_rule_is_refused_at_checkout_before_anything_is_written()
    {
        var app = await infrastructure.SharedAppAsync();
        var shopper = await new Shopper(app, infrastructure).ReadyAsync(lines: 1);
        var product = shopper.Products[0];
        // A line written before notes were checked: PostgreSQL's jsonb cannot hold the NUL.
        var stored = $$"""{"lines":[{"productId":"{{product.Id}}","quantity":2,"substitution":"AnySimilar","note":"a\u0000b","seenPrice":{{product.Price}},"addedAt":"2026-12-01T00:00:00+00:00"}]}""";
        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(infrastructure.Redis.ConnectionString))
            await redis.GetDatabase().StringSetAsync($"basket:user:{shopper.UserId}", stored);

        var response = await shopper.CheckoutAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("basket", await SlotHoldCheckoutTests.ErrorKeysAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.Orders.CountAsync(o => o.UserId == shopper.UserId)));
    }

    [Fact]
    public async Task A_write_the_database_still_refuses_is_a_problem_not_a_server_error()
    {
        var app = await infrastructure.SharedAppAsync();
        // Identity issues GUID subjects; a longer one only passes validation because no request field carries it.
        var shopper = await new Shopper(app, infrastructure, userId: new string('u', OrderingLimits.UserIdMaxLength + 1)).ReadyAsync();

        var response = await shopper.CheckoutAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, (await shopper.BasketAsync()).Lines.Count);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
