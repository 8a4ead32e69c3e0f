namespace Grocery.Web.Services;

public sealed class OrderingClient(HttpClient http)
{
    public async Task<ApiResult<Order>> CheckoutAsync(string accessToken, Guid slotHoldId, string? postcode, string? district,
        string idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, "/api/v1/orders", accessToken,
            new { slotHoldId, postcode, district, paymentMethod = "CashOnDelivery" });
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<Order>.FromAsync(response, cancellationToken);
    }

    public async Task<Order?> GetOrderAsync(string accessToken, Guid id, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"/api/v1/orders/{id}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Order>(ApiJson.Options, cancellationToken);
    }

    public async Task<IReadOnlyList<OrderSummary>> ListMineAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, "/api/v1/orders?limit=20", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<OrderHistoryPage>(ApiJson.Options, cancellationToken))?.Items ?? [];
    }
}
