using System.Globalization;

namespace Grocery.Web.Services;

/// <summary>Reads the catalog over HTTP; the address comes from service discovery.</summary>
public sealed class CatalogClient(HttpClient http)
{
    public async Task<IReadOnlyList<CategorySummary>> GetCategoriesAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<IReadOnlyList<CategorySummary>>("/api/v1/categories", cancellationToken) ?? [];

    public async Task<ProductPage> ListAsync(ListingRequest request, CancellationToken cancellationToken = default)
    {
        var query = new List<string>
        {
            "category=" + Uri.EscapeDataString(request.Category),
            "limit=" + request.Limit.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(request.Sort)) query.Add("sort=" + Uri.EscapeDataString(request.Sort));
        if (!string.IsNullOrEmpty(request.Cursor)) query.Add("cursor=" + Uri.EscapeDataString(request.Cursor));
        if (!string.IsNullOrEmpty(request.Tag)) query.Add("tags=" + Uri.EscapeDataString(request.Tag));
        if (request.MaxPrice is { } max) query.Add("maxPrice=" + max.ToString(CultureInfo.InvariantCulture));
        if (request.Warehouse is { } warehouse)
        {
            query.Add("warehouse=" + warehouse);
            if (request.InStock) query.Add("inStock=true");
        }
        return await http.GetFromJsonAsync<ProductPage>("/api/v1/products?" + string.Join('&', query), cancellationToken)
            ?? new ProductPage([], null);
    }

    public async Task<ProductDetail?> GetProductAsync(string slug, Guid? warehouse, CancellationToken cancellationToken = default)
    {
        var url = $"/api/v1/products/{Uri.EscapeDataString(slug)}" + (warehouse is { } w ? $"?warehouse={w}" : "");
        using var response = await http.GetAsync(url, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ProductDetail>(cancellationToken);
    }

    public async Task<SearchResults> SearchAsync(string text, Guid? warehouse, CancellationToken cancellationToken = default)
    {
        var url = "/api/v1/search?q=" + Uri.EscapeDataString(text) + (warehouse is { } w ? $"&warehouse={w}" : "");
        return await http.GetFromJsonAsync<SearchResults>(url, cancellationToken) ?? new SearchResults(text, text, []);
    }

    public async Task<Suggestions> SuggestAsync(string text, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<Suggestions>("/api/v1/search/suggest?q=" + Uri.EscapeDataString(text), cancellationToken)
        ?? new Suggestions(text, []);
}
