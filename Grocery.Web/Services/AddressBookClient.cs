namespace Grocery.Web.Services;

/// <summary>The shopper's saved addresses; an interface so the pages that show them render in tests.</summary>
public interface IAddressBook
{
    Task<IReadOnlyList<SavedAddress>> ListAsync(string accessToken, CancellationToken cancellationToken = default);

    Task<ShopperContact?> GetContactAsync(string accessToken, CancellationToken cancellationToken = default);
}

/// <summary>Who the driver asks for and calls: the profile's name and phone (E.164).</summary>
public sealed record ShopperContact(string? Name, string? Phone);

/// <summary>Identity's /api/v1/me/addresses, and the name and phone of /api/v1/me, on behalf of the signed-in shopper.</summary>
public sealed class AddressBookClient(HttpClient http) : IAddressBook
{
    private const string Path = "/api/v1/me/addresses";
    private const string Profile = "/api/v1/me";

    public async Task<ShopperContact?> GetContactAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = ApiJson.Request(HttpMethod.Get, Profile, accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ShopperContact>(ApiJson.Options, cancellationToken);
    }

    /// <summary>
    /// Sets the profile's name and phone. Identity replaces the profile whole, so the stored one is read and sent
    /// back with only these two changed (whatever else it holds, the shopper's other choices stay).
    /// </summary>
    public async Task<ApiResult<ShopperContact>> SetContactAsync(string accessToken, ShopperContact contact, CancellationToken cancellationToken = default)
    {
        using var read = ApiJson.Request(HttpMethod.Get, Profile, accessToken);
        using var current = await http.SendAsync(read, cancellationToken);
        current.EnsureSuccessStatusCode();
        var profile = await current.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(ApiJson.Options, cancellationToken) ?? [];
        profile["name"] = contact.Name;
        profile["phone"] = contact.Phone;
        using var request = ApiJson.Request(HttpMethod.Put, Profile, accessToken, profile);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ApiResult<ShopperContact>.FromAsync(response, cancellationToken);
    }

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
