namespace Grocery.Web.Services;

/// <summary>
/// Ordering's basket on behalf of one shopper: a signed-in shopper by their access token, a guest by the
/// basket id Ordering handed out (kept by Web in its own HttpOnly cookie and sent as X-Basket-Id).
/// </summary>
public sealed class BasketClient(HttpClient http)
{
    public const string BasketIdHeader = "X-Basket-Id";

    /// <summary>The priced basket; with the shopper's area (a postcode, or else a district) it carries the delivery fee and minimum.</summary>
    public async Task<Basket> GetAsync(ShopperCredentials shopper, string? area, CancellationToken cancellationToken = default)
    {
        if (shopper.AccessToken is null && shopper.GuestBasketId is null) return Basket.Empty;
        var url = "/api/v1/basket" + (string.IsNullOrEmpty(area) ? ""
            : (area.All(char.IsDigit) ? "?postcode=" : "?district=") + Uri.EscapeDataString(area));
        using var request = For(ApiJson.Request(HttpMethod.Get, url, shopper.AccessToken), shopper);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Basket>(ApiJson.Options, cancellationToken) ?? Basket.Empty;
    }

    /// <summary>Sets a line's quantity (0 removes it); returns the basket and the guest basket id Ordering created, if any.</summary>
    public async Task<(ApiResult<Basket> Result, Guid? NewGuestBasketId)> SetLineAsync(
        ShopperCredentials shopper, Guid productId, decimal quantity, SubstitutionPreference substitution, CancellationToken cancellationToken = default)
    {
        if (quantity <= 0)
        {
            using var delete = For(ApiJson.Request(HttpMethod.Delete, $"/api/v1/basket/lines/{productId}", shopper.AccessToken), shopper);
            using var deleted = await http.SendAsync(delete, cancellationToken);
            return (new ApiResult<Basket>(null, deleted.IsSuccessStatusCode ? null : "The basket could not be changed.", (int)deleted.StatusCode), null);
        }
        using var request = For(ApiJson.Request(HttpMethod.Put, $"/api/v1/basket/lines/{productId}", shopper.AccessToken,
            new { quantity, substitution }), shopper);
        using var response = await http.SendAsync(request, cancellationToken);
        Guid? created = response.Headers.TryGetValues(BasketIdHeader, out var values) && Guid.TryParse(values.FirstOrDefault(), out var id) ? id : null;
        return (await ApiResult<Basket>.FromAsync(response, cancellationToken), created);
    }

    /// <summary>Moves a guest basket into the account that just signed in; harmless when repeated.</summary>
    public async Task MergeAsync(string accessToken, Guid guestBasketId, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, "/api/v1/basket/merge", accessToken);
        request.Headers.Add(BasketIdHeader, guestBasketId.ToString());
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static HttpRequestMessage For(HttpRequestMessage request, ShopperCredentials shopper)
    {
        if (shopper.AccessToken is null && shopper.GuestBasketId is { } guest) request.Headers.Add(BasketIdHeader, guest.ToString());
        return request;
    }
}

/// <summary>Who the shopper is to the back end: an access token when signed in, else a guest basket id (or neither yet).</summary>
public sealed record ShopperCredentials(string? AccessToken, Guid? GuestBasketId)
{
    public bool SignedIn => AccessToken is not null;
}
