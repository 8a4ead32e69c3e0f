using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Grocery.EndToEnd.Tests.Support;

/// <summary>A customer: slot picker, basket and orders, all through the real services.</summary>
public sealed class ShopperSession(GroceryAppFixture system, Guid userId, string email, string password, TokenResponse tokens)
    : UserSession(system, userId, email, password, tokens)
{
    public static readonly TimeSpan SagaDeadline = TimeSpan.FromSeconds(120);

    public async Task<SlotHoldView> HoldSlotAsync(Guid slotId, CancellationToken ct)
    {
        var delivery = await ClientAsync(ResourceNames.Delivery, ct);
        var response = await (await delivery.PostAsync($"/api/v1/slots/{slotId}/holds", null, ct)).ExpectAsync(HttpStatusCode.Created, HttpStatusCode.OK);
        return await response.ReadAsync<SlotHoldView>(ct);
    }

    /// <summary>Empties the basket, then puts the given quantities of the products in it.</summary>
    public Task<BasketView> FillBasketAsync(IEnumerable<(ProductSummary Product, decimal Quantity)> lines, CancellationToken ct) =>
        FillBasketAsync(lines.Select(l => (l.Product, l.Quantity, "None")), ct);

    /// <summary>Empties the basket, then puts the lines in it, each with its substitution preference (None, AnySimilar, NamedSku).</summary>
    public async Task<BasketView> FillBasketAsync(IEnumerable<(ProductSummary Product, decimal Quantity, string Substitution)> lines, CancellationToken ct)
    {
        var ordering = await ClientAsync(ResourceNames.Ordering, ct);
        await (await ordering.DeleteAsync("/api/v1/basket", ct)).ExpectAsync(HttpStatusCode.NoContent);
        foreach (var (product, quantity, substitution) in lines)
        {
            await (await ordering.PutAsJsonAsync($"/api/v1/basket/lines/{product.Id}", new { quantity, substitution }, ApiJson.Options, ct))
                .ExpectAsync(HttpStatusCode.OK);
        }
        var basket = await (await ordering.GetAsync("/api/v1/basket", ct)).ExpectAsync(HttpStatusCode.OK);
        return await basket.ReadAsync<BasketView>(ct);
    }

    public async Task<HttpResponseMessage> CheckoutAsync(Guid slotHoldId, string postcode, string idempotencyKey, CancellationToken ct,
        string paymentMethod = "CashOnDelivery")
    {
        var ordering = await ClientAsync(ResourceNames.Ordering, ct);
        return await CheckoutWithAsync(ordering, slotHoldId, postcode, idempotencyKey, ct, paymentMethod);
    }

    /// <summary>For callers sending many requests at once on a client they took beforehand.</summary>
    public static async Task<HttpResponseMessage> CheckoutWithAsync(HttpClient ordering, Guid slotHoldId, string postcode, string idempotencyKey, CancellationToken ct,
        string paymentMethod = "CashOnDelivery")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { slotHoldId, postcode, paymentMethod, address = DropOff(postcode) }, options: ApiJson.Options),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await ordering.SendAsync(request, ct);
    }

    /// <summary>The address every test shopper has their groceries brought to, in the test zone's postcode.</summary>
    public static object DropOff(string postcode) =>
        new { recipientName = "Nguyễn Thị Lan", phone = "+84901234567", street = "34 Pasteur, Bến Nghé", district = "Quận 1", postcode };

    /// <summary>Checks out and expects a new order.</summary>
    public async Task<OrderView> PlaceOrderAsync(Guid slotHoldId, string postcode, CancellationToken ct)
    {
        var response = await (await CheckoutAsync(slotHoldId, postcode, Guid.NewGuid().ToString(), ct)).ExpectAsync(HttpStatusCode.Created);
        return await response.ReadAsync<OrderView>(ct);
    }

    public async Task<HttpResponseMessage> GetOrderResponseAsync(Guid orderId, CancellationToken ct)
    {
        var ordering = await ClientAsync(ResourceNames.Ordering, ct);
        return await ordering.GetAsync($"/api/v1/orders/{orderId}", ct);
    }

    public async Task<OrderView> OrderAsync(Guid orderId, CancellationToken ct) =>
        await (await (await GetOrderResponseAsync(orderId, ct)).ExpectAsync(HttpStatusCode.OK)).ReadAsync<OrderView>(ct);

    /// <summary>Polls until the order is confirmed or cancelled (or the deadline passes, leaving the last state seen).</summary>
    public Task<OrderView> WaitUntilFinalAsync(Guid orderId, CancellationToken ct) =>
        Eventually.Until(() => OrderAsync(orderId, ct), o => OrderStatuses.IsFinal(o.Status), SagaDeadline, TimeSpan.FromMilliseconds(300));

    public async Task<HttpResponseMessage> CancelAsync(Guid orderId, CancellationToken ct)
    {
        var ordering = await ClientAsync(ResourceNames.Ordering, ct);
        return await ordering.PostAsync($"/api/v1/orders/{orderId}/cancel", null, ct);
    }

    /// <summary>
    /// Sets the language in the shopper's Identity profile; disposing the result puts back the one they had,
    /// since the pooled shoppers outlive the test and the next test expects the language they registered with.
    /// </summary>
    public async Task<IAsyncDisposable> SpeakingAsync(string language, CancellationToken ct)
    {
        var before = await SpeakAsync(language, ct);
        return new LanguageRestore(this, before);
    }

    /// <summary>Sets the language, keeping the rest of the profile (the update replaces every field); returns the previous one.</summary>
    private async Task<string> SpeakAsync(string language, CancellationToken ct)
    {
        var identity = await ClientAsync(ResourceNames.Identity, ct);
        var profile = await (await identity.GetAsync("/api/v1/me", ct)).ExpectAsync(HttpStatusCode.OK).ReadAsync<JsonObject>(ct);
        await (await identity.PutAsJsonAsync("/api/v1/me", new JsonObject
        {
            ["name"] = profile["name"]?.DeepClone(),
            ["phone"] = profile["phone"]?.DeepClone(),
            ["defaultSubstitution"] = profile["defaultSubstitution"]?.DeepClone(),
            ["marketingConsent"] = profile["marketingConsent"]?.DeepClone(),
            ["language"] = language,
        }, ct)).ExpectAsync(HttpStatusCode.OK);
        return (string?)profile["language"] ?? throw new InvalidOperationException("The profile names no language.");
    }

    private sealed class LanguageRestore(ShopperSession shopper, string language) : IAsyncDisposable
    {
        // Not the test's token: a test that timed out must still leave the shopper as it found them.
        public async ValueTask DisposeAsync() => await shopper.SpeakAsync(language, CancellationToken.None);
    }
}
