using Grocery.Ordering.Apis;
using Grocery.Ordering.Basket;
using Grocery.Ordering.Checkout;
using Grocery.Ordering.Clients;

namespace Grocery.Ordering.Tests;

/// <summary>A signed-in shopper with a filled basket, a zone and a held slot, ready to check out.</summary>
public sealed class Shopper(OrderingApp app, OrderingInfrastructure infrastructure, string? userId = null)
{
    public string UserId { get; } = userId ?? Guid.NewGuid().ToString();

    public HttpClient Client => field ??= app.ClientFor(UserId);

    public FakeDelivery.Zone Zone { get; private set; } = null!;

    public FakeDelivery.Hold Hold { get; private set; } = null!;

    public List<CatalogProduct> Products { get; } = [];

    public async Task<Shopper> ReadyAsync(int lines = 2, TimeSpan? holdExtendsBy = null, string? postcode = null)
    {
        Zone = infrastructure.Delivery.AddZone(minimumBasketValue: 50_000m, postcode: postcode);
        Hold = infrastructure.Delivery.AddHold(Zone, holdExtendsBy);
        for (var i = 0; i < lines; i++)
        {
            var product = infrastructure.Catalog.Add($"Product {i}", 40_000m + i * 1_000m);
            Products.Add(product);
            await PutLineAsync(product.Id, 2);
        }
        return this;
    }

    public async Task PutLineAsync(Guid productId, decimal quantity)
    {
        var response = await Client.PutAsJsonAsync($"/api/v1/basket/lines/{productId}", new UpdateBasketLineRequest(quantity, null, null, null), KafkaPeers.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task<BasketResponse> BasketAsync() =>
        (await Client.GetFromJsonAsync<BasketResponse>("/api/v1/basket", KafkaPeers.Json))!;

    /// <summary>A new address in the zone, given inline; its postcode is also sent on its own, as older clients do.</summary>
    public CheckoutRequest Request => new(Hold.HoldId, Zone.Postcode, null, PaymentMethod.CashOnDelivery, Address: Address);

    public CheckoutAddressRequest Address => new("Nguyễn Văn An", "+84901234567", "12 Lê Lợi", "Quận 1", Zone.Postcode, 10.7769, 106.7009);

    public async Task<HttpResponseMessage> CheckoutAsync(string? key = null, CheckoutRequest? request = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(request ?? Request, options: KafkaPeers.Json) };
        message.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await Client.SendAsync(message);
    }

    public async Task<OrderResponse> PlaceOrderAsync()
    {
        var response = await CheckoutAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json))!;
    }

    public async Task<OrderResponse?> GetOrderAsync(Guid id)
    {
        var response = await Client.GetAsync($"/api/v1/orders/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<OrderResponse>(KafkaPeers.Json);
    }

    public Task<OrderResponse> WaitForStatusAsync(Guid id, OrderStatus status, int timeoutSeconds = 30) =>
        Eventually.GetAsync(() => GetOrderAsync(id), o => o?.Status == status, $"order {id} is {status}", timeoutSeconds);
}
