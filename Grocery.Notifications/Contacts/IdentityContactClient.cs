using System.Net;

namespace Grocery.Notifications.Contacts;

/// <summary>Asks Identity with the service's own token; the contact is fetched per message, never copied into this database.</summary>
internal sealed class IdentityContactClient(HttpClient http) : IShopperContacts
{
    public async Task<ShopperContact?> FindAsync(Guid userId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/users/{userId}/contact", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Identity answered the contact lookup with {(int)response.StatusCode}.", null, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<ShopperContact>(cancellationToken)
            ?? throw new HttpRequestException("Identity answered the contact lookup without a body.");
    }
}
