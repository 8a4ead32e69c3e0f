namespace Grocery.Web.Services;

/// <summary>Reads the catalog over HTTP; the address comes from service discovery.</summary>
public sealed class CatalogClient(HttpClient http)
{
    public async Task<IReadOnlyList<CategorySummary>> GetCategoriesAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<IReadOnlyList<CategorySummary>>("/api/v1/categories", cancellationToken) ?? [];
}
