using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grocery.Ordering.Clients;

internal sealed class CatalogClient(HttpClient http) : ICatalogClient
{
    public async Task<IReadOnlyDictionary<Guid, CatalogProduct>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return new Dictionary<Guid, CatalogProduct>();
        var query = string.Join(",", ids.Distinct());
        var products = await GetPageAsync($"/api/v1/products?ids={query}", cancellationToken);
        return products.ToDictionary(p => p.Id);
    }

    public async Task<CatalogShelfDetails?> GetShelfDetailsAsync(string slug, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v1/products/{Uri.EscapeDataString(slug)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CatalogShelfDetails>(RemoteJson.Options, cancellationToken);
    }

    public Task<IReadOnlyList<CatalogProduct>> ListCategoryAsync(int categoryId, int limit, CancellationToken cancellationToken) =>
        GetPageAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/products?category={categoryId}&limit={limit}"), cancellationToken);

    public async Task<CatalogProduct?> FindBySkuAsync(string sku, CancellationToken cancellationToken)
    {
        // Search ranks an exact SKU first; anything else it finds is not this product.
        var found = await GetPageAsync($"/api/v1/search?q={Uri.EscapeDataString(sku)}", cancellationToken);
        return found.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IReadOnlyList<CatalogProduct>> GetPageAsync(string uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        // Catalog answers with either a bare array or a page object carrying "items".
        var items = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.GetProperty("items");
        return items.Deserialize<List<CatalogProduct>>(RemoteJson.Options) ?? [];
    }
}
