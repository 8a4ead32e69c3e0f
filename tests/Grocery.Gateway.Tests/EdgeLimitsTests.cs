using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Gateway.Tests;

public sealed class EdgeLimitsTests(TwoGateways gateways) : IClassFixture<TwoGateways>
{
    [Fact]
    public async Task A_flood_from_one_address_is_refused_by_both_replicas_with_retry_after_while_another_address_is_served()
    {
        var ct = TestContext.Current.CancellationToken;
        var flooder = TwoGateways.NextAddress();
        using var toFirst = gateways.First.ClientFrom(flooder);
        using var toSecond = gateways.Second.ClientFrom(flooder);

        for (var i = 0; i < TwoGateways.PerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? toFirst : toSecond).GetAsync("/api/v1/products?limit=20", ct)).StatusCode);
        await gateways.ShareCountsAsync();

        foreach (var client in new[] { toFirst, toSecond })
        {
            var refused = await client.GetAsync("/api/v1/products?limit=20", ct);
            await AssertTooManyRequestsAsync(refused, ct);
        }
        using var other = gateways.Second.ClientFrom(TwoGateways.NextAddress());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/products?limit=20", ct)).StatusCode);
    }

    [Fact]
    public async Task A_forged_x_forwarded_for_does_not_escape_the_limit_of_the_real_address()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.First.ClientFrom(TwoGateways.NextAddress());
        for (var i = 0; i < TwoGateways.PerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/categories", ct)).StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        forged.Headers.Add("X-Forwarded-For", "203.0.113.7");
        await AssertTooManyRequestsAsync(await client.SendAsync(forged, ct), ct);
    }

    [Fact]
    public async Task A_signed_in_shopper_is_counted_by_their_subject_from_whatever_address_they_connect()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = gateways.Identity.CreateToken(Guid.NewGuid().ToString());
        for (var i = 0; i < TwoGateways.PerUser; i++)
        {
            using var client = Authorized(gateways.First.ClientFrom(TwoGateways.NextAddress()), token);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/basket", ct)).StatusCode);
        }
        await gateways.ShareCountsAsync();

        using var fresh = Authorized(gateways.Second.ClientFrom(TwoGateways.NextAddress()), token);
        await AssertTooManyRequestsAsync(await fresh.GetAsync("/api/v1/basket", ct), ct);
        using var anotherShopper = Authorized(gateways.Second.ClientFrom(TwoGateways.NextAddress()), gateways.Identity.CreateToken(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.OK, (await anotherShopper.GetAsync("/api/v1/basket", ct)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_has_a_stricter_budget_of_its_own_that_leaves_browsing_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.First.ClientFrom(TwoGateways.NextAddress());
        for (var i = 0; i < TwoGateways.AuthPerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, ct)).StatusCode);

        await AssertTooManyRequestsAsync(await LoginAsync(client, ct), ct);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/products", ct)).StatusCode);
    }

    [Fact]
    public async Task Checkout_has_a_stricter_budget_per_shopper_while_reading_orders_goes_on()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Authorized(gateways.Second.ClientFrom(TwoGateways.NextAddress()), gateways.Identity.CreateToken(Guid.NewGuid().ToString()));
        for (var i = 0; i < TwoGateways.CheckoutPerUser; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/orders", new { slotId = "s" }, ct)).StatusCode);

        await AssertTooManyRequestsAsync(await client.PostAsJsonAsync("/api/v1/orders", new { slotId = "s" }, ct), ct);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/orders", ct)).StatusCode);
    }

    [Fact]
    public async Task A_graphql_checkout_spends_the_same_checkout_budget_and_is_refused_with_retry_after_before_reaching_ordering()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = Authorized(gateways.First.ClientFrom(TwoGateways.NextAddress()), gateways.Identity.CreateToken(Guid.NewGuid().ToString()));
        var checkout = new
        {
            query = "mutation($key: String!) { checkout(slotHoldId: \"00000000-0000-0000-0000-000000000001\", paymentMethod: CASH_ON_DELIVERY, idempotencyKey: $key) { repeated } }",
            variables = new { key = Guid.NewGuid().ToString() },
        };
        for (var i = 0; i < TwoGateways.CheckoutPerUser - 1; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/orders", new { slotId = "s" }, ct)).StatusCode);
        var reachedOrdering = gateways.Services.Received.Count(r => r.Path == "/api/v1/orders");

        using var allowed = JsonDocument.Parse(await (await client.PostAsJsonAsync("/graphql", checkout, ct)).Content.ReadAsStringAsync(ct));
        var refusal = await client.PostAsJsonAsync("/graphql", checkout, ct);

        Assert.False(allowed.RootElement.TryGetProperty("errors", out _), allowed.RootElement.ToString());
        Assert.True(refusal.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After names a wait in seconds");
        using var refused = JsonDocument.Parse(await refusal.Content.ReadAsStringAsync(ct));
        Assert.Equal("RATE_LIMITED", refused.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(reachedOrdering + 1, gateways.Services.Received.Count(r => r.Path == "/api/v1/orders"));
    }

    [Fact]
    public async Task Webhooks_have_budgets_of_their_own_apart_from_shoppers_and_from_each_other()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provider = gateways.First.ClientFrom(TwoGateways.NextAddress());
        for (var i = 0; i < TwoGateways.PerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync("/api/v1/products", ct)).StatusCode);
        await AssertTooManyRequestsAsync(await provider.GetAsync("/api/v1/products", ct), ct);

        for (var i = 0; i < TwoGateways.StripeWebhookPerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync("/api/v1/payments/webhooks/stripe", new { id = i }, ct)).StatusCode);
        await AssertTooManyRequestsAsync(await provider.PostAsJsonAsync("/api/v1/payments/webhooks/stripe", new { id = 0 }, ct), ct);

        for (var i = 0; i < TwoGateways.CarrierWebhookPerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/v1/carriers/carrier-{i % 2}/webhooks", new { id = i }, ct)).StatusCode);
        await AssertTooManyRequestsAsync(await provider.PostAsJsonAsync("/api/v1/carriers/carrier-0/webhooks", new { id = 0 }, ct), ct);
    }

    [Fact]
    public async Task A_body_over_the_route_limit_is_refused_with_413_before_it_reaches_a_service()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.Second.ClientFrom(TwoGateways.NextAddress());
        var marker = $"/api/v1/basket/lines/{Guid.NewGuid():N}";

        var response = await client.PostAsync(marker, Body(TwoGateways.DefaultBodyBytes + 1), ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(gateways.Services.Received, r => r.Path == marker);
    }

    [Fact]
    public async Task A_body_sent_without_a_length_is_cut_off_at_the_route_limit_with_413()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.First.ClientFrom(TwoGateways.NextAddress());
        var marker = $"/api/v1/basket/lines/{Guid.NewGuid():N}";
        var content = new StreamContent(new MemoryStream(new byte[TwoGateways.DefaultBodyBytes * 4]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, marker) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(gateways.Services.Received, r => r.Path == marker && r.BodyBytes > TwoGateways.DefaultBodyBytes);
    }

    [Fact]
    public async Task A_body_within_the_limit_of_its_route_is_forwarded_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.First.ClientFrom(TwoGateways.NextAddress());
        var importPath = $"/api/v1/products/import/{Guid.NewGuid():N}";

        var import = await client.PostAsync(importPath, Body(TwoGateways.ImportBodyBytes), ct);
        var tooBigElsewhere = await client.PostAsync("/api/v1/basket/lines", Body(TwoGateways.ImportBodyBytes), ct);

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Contains(gateways.Services.Received, r => r.Path == importPath && r.BodyBytes == TwoGateways.ImportBodyBytes);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBigElsewhere.StatusCode);
    }

    [Fact]
    public async Task Answers_and_refusals_carry_the_security_headers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.First.ClientFrom(TwoGateways.NextAddress());

        var served = await client.GetAsync("/api/v1/products", ct);
        var refused = await client.PostAsync("/api/v1/basket/lines", Body(TwoGateways.DefaultBodyBytes + 1), ct);

        foreach (var response in new[] { served, refused })
        {
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Contains("default-src 'none'", Header(response, "Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        }
    }

    [Theory]
    [InlineData("https://shop.grocery.test", true)]
    [InlineData("https://evil.example", false)]
    public async Task Browsers_may_call_the_api_only_from_the_configured_storefront_origins(string origin, bool allowed)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.Second.ClientFrom(TwoGateways.NextAddress());
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/basket/lines");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await client.SendAsync(preflight, ct);

        Assert.Equal(allowed ? origin : null, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task Each_service_api_description_is_served_from_the_service_itself()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = gateways.First.ClientFrom(TwoGateways.NextAddress());
        var before = gateways.Services.Received.Count(r => r.Path == "/openapi/v1.json");

        var document = await client.GetAsync($"/openapi/{ResourceNames.Catalog}.json", ct);
        var unknown = await client.GetAsync("/openapi/basket.json", ct);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FakeServices.Body, await document.Content.ReadAsStringAsync(ct));
        Assert.Equal(before + 1, gateways.Services.Received.Count(r => r.Path == "/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After names a wait in seconds");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, CancellationToken ct) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { email = "lan@grocery.test", password = "Fresh-basil-2026" }, ct);

    private static HttpClient Authorized(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static ByteArrayContent Body(long bytes)
    {
        var content = new ByteArrayContent(new byte[bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}
