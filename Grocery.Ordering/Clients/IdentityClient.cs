using System.Net;
using System.Net.Http.Json;

namespace Grocery.Ordering.Clients;

/// <summary>Reads the shopper's own profile in Identity with the shopper's forwarded token, so Identity decides whose address it is.</summary>
internal sealed class IdentityClient(HttpClient http) : IIdentityClient
{
    public Task<SavedAddress?> GetMyAddressAsync(Guid addressId, CancellationToken cancellationToken) =>
        GetAsync<SavedAddress>($"/api/v1/me/addresses/{addressId}", cancellationToken);

    public Task<ShopperProfile?> GetMyProfileAsync(CancellationToken cancellationToken) =>
        GetAsync<ShopperProfile>("/api/v1/me", cancellationToken);

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        // No body in the message: it may hold the address.
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Identity answered {(int)response.StatusCode} for a profile read.", null, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<T>(RemoteJson.Options, cancellationToken);
    }
}
