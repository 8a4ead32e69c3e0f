using System.Text.Json;

namespace Grocery.Web.Services;

/// <summary>What the order pages need from Ordering; an interface so they render in tests.</summary>
public interface IOrders
{
    Task<Order?> GetOrderAsync(string accessToken, Guid id, CancellationToken cancellationToken = default);
}

/// <summary>Where checkout delivers: an address of the shopper's profile, or one typed at checkout with who receives it.</summary>
public sealed record CheckoutAddress(Guid? AddressId, AddressInput? Address, ShopperContact? Recipient = null)
{
    /// <summary>Ordering's new drop-off: the street line carries the ward and city, as Ordering composes a saved address's.</summary>
    public object? ToRequest() => Address is { } a
        ? new
        {
            recipientName = Recipient?.Name, phone = Recipient?.Phone,
            street = string.Join(", ", new[] { a.Street, a.Ward, a.City }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())),
            district = a.District?.Trim(), postcode = a.PostalCode?.Trim(),
        }
        : null;
}

public sealed class OrderingClient(HttpClient http) : IOrders
{
    public const int HistoryPageSize = 10;

    /// <summary>
    /// Places the order. The postcode or district goes along with the address: it is the chosen address's, so the
    /// zone Ordering resolves is the one the slot was held in.
    /// </summary>
    public async Task<ApiResult<PlacedOrder>> CheckoutAsync(string accessToken, Guid slotHoldId, CheckoutAddress where, string? postcode, string? district,
        string idempotencyKey, CancellationToken cancellationToken = default, string paymentMethod = PaymentMethods.CashOnDelivery)
    {
        using var request = ApiJson.Request(HttpMethod.Post, "/api/v1/orders", accessToken,
            new { slotHoldId, addressId = where.AddressId, address = where.ToRequest(), postcode, district, paymentMethod });
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<PlacedOrder>.FromAsync(response, cancellationToken);
    }

    public async Task<Order?> GetOrderAsync(string accessToken, Guid id, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"/api/v1/orders/{id}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Order>(ApiJson.Options, cancellationToken);
    }

    /// <summary>One page of the shopper's orders, newest first, continuing after <paramref name="cursor"/>.</summary>
    public async Task<OrderHistoryPage> ListMineAsync(string accessToken, string? cursor, CancellationToken cancellationToken = default)
    {
        var url = $"/api/v1/orders?limit={HistoryPageSize}" + (string.IsNullOrEmpty(cursor) ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
        using var request = ApiJson.Request(HttpMethod.Get, url, accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options, cancellationToken);
        // Ordering before cursor paging answered a bare array (one page, no cursor); read both while the two meet.
        return body.ValueKind == JsonValueKind.Array
            ? new OrderHistoryPage(body.Deserialize<IReadOnlyList<OrderSummary>>(ApiJson.Options) ?? [], null)
            : body.Deserialize<OrderHistoryPage>(ApiJson.Options) ?? new OrderHistoryPage([], null);
    }

    /// <summary>Fills the shopper's basket from a past order; Ordering skips what is no longer sold and says which.</summary>
    public async Task<ApiResult<ReorderResult>> ReorderAsync(string accessToken, Guid orderId, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, $"/api/v1/orders/{orderId}/reorder", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<ReorderResult>.FromAsync(response, cancellationToken);
    }
}
