using System.Text.Json;

namespace Grocery.Ordering.Clients;

internal sealed class CatalogClient(HttpClient http) : ICatalogClient
{
    public async Task<IReadOnlyDictionary<Guid, CatalogProduct>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return new Dictionary<Guid, CatalogProduct>();
        var query = string.Join(",", ids.Distinct());
        using var response = await http.GetAsync($"/api/v1/products?ids={query}", cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        // Catalog answers a batch with either a bare array or a page object carrying "items".
        var items = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.GetProperty("items");
        var products = items.Deserialize<List<CatalogProduct>>(RemoteJson.Options) ?? [];
        return products.ToDictionary(p => p.Id);
    }
}
