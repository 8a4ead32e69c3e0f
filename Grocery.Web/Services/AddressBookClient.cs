namespace Grocery.Web.Services;

/// <summary>The shopper's saved addresses; an interface so the pages that show them render in tests.</summary>
public interface IAddressBook
{
    Task<IReadOnlyList<SavedAddress>> ListAsync(string accessToken, CancellationToken cancellationToken = default);
}

/// <summary>Identity's /api/v1/me/addresses on behalf of the signed-in shopper.</summary>
public sealed class AddressBookClient(HttpClient http) : IAddressBook
{
    private const string Path = "/api/v1/me/addresses";

    public async Task<IReadOnlyList<SavedAddress>> ListAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, Path, accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<IReadOnlyList<SavedAddress>>(ApiJson.Options, cancellationToken) ?? [];
    }

    public async Task<SavedAddress?> GetAsync(string accessToken, Guid id, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, $"{Path}/{id}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<SavedAddress>(ApiJson.Options, cancellationToken);
    }

    /// <summary>Creates an address; the idempotency key makes a double-submitted form save it once.</summary>
    public async Task<ApiResult<SavedAddress>> CreateAsync(string accessToken, AddressInput address, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Post, Path, accessToken, address);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<SavedAddress>.FromAsync(response, cancellationToken);
    }

    public async Task<ApiResult<SavedAddress>> UpdateAsync(string accessToken, Guid id, AddressInput address, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Put, $"{Path}/{id}", accessToken, address);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<SavedAddress>.FromAsync(response, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string accessToken, Guid id, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Delete, $"{Path}/{id}", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return false;
        response.EnsureSuccessStatusCode();
        return true;
    }
}
