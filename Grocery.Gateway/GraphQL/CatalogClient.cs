using System.Net.Http.Json;
using GraphQL;

namespace Grocery.Gateway.GraphQL;

/// <summary>A product as Catalog answers it in listings (categoryId) and on its page (category breadcrumbs, description).</summary>
public sealed record CatalogProduct(
    Guid Id,
    string Sku,
    string Slug,
    string Name,
    string NameEn,
    string Brand,
    decimal Price,
    decimal UnitPrice,
    string UnitPriceUnit,
    string SoldBy,
    string Unit,
    decimal NetContent,
    string[] DietaryTags,
    string? Image,
    string? Availability,
    int? CategoryId = null,
    IReadOnlyList<CatalogCategoryRef>? Category = null,
    string? Description = null,
    string[]? Images = null,
    string[]? Allergens = null)
{
    /// <summary>The product's own category: the listing names it, the page ends its breadcrumbs with it.</summary>
    public int? OwnCategoryId => CategoryId ?? Category?.LastOrDefault()?.Id;
}

public sealed record CatalogCategoryRef(int Id, string Name, string Slug);

public sealed record CatalogProductPage(IReadOnlyList<CatalogProduct> Items, string? NextCursor);

public sealed record CatalogCategory(int Id, string Name, string Slug, int ProductCount, IReadOnlyList<CatalogCategory> Children);

public sealed record CatalogSearchResults(string Query, string InterpretedAs, IReadOnlyList<CatalogProduct> Items);

public sealed record CatalogSuggestion(string Name, string NameEn, string Slug, string Sku);

public sealed record CatalogSuggestions(string Query, IReadOnlyList<CatalogSuggestion> Items);

/// <summary>The listing filters the storefront schema passes on to Catalog's query string.</summary>
public sealed record ProductFilter(string? Category, IReadOnlyList<string>? Brands, decimal? MinPrice, decimal? MaxPrice, bool? InStock);

/// <summary>Catalog's read API, typed, for the GraphQL resolvers.</summary>
public sealed class CatalogClient(HttpClient http, CategoryTreeCache categories)
{
    public Task<CatalogProductPage> ListAsync(int first, string? after, ProductFilter? filter, string? sort, CancellationToken ct)
    {
        var query = new List<string> { $"limit={first}" };
        if (after is not null) query.Add($"cursor={Uri.EscapeDataString(after)}");
        if (sort is not null) query.Add($"sort={Uri.EscapeDataString(sort)}");
        if (filter?.Category is { } category) query.Add($"category={Uri.EscapeDataString(category)}");
        foreach (var brand in filter?.Brands ?? []) query.Add($"brand={Uri.EscapeDataString(brand)}");
        if (filter?.MinPrice is { } min) query.Add($"minPrice={min.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (filter?.MaxPrice is { } max) query.Add($"maxPrice={max.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (filter?.InStock is { } inStock) query.Add($"inStock={(inStock ? "true" : "false")}");
        return GetAsync<CatalogProductPage>("/api/v1/products?" + string.Join('&', query), ct)!;
    }

    /// <summary>Catalog answers a batch of ids with the products still sold; unknown ids are left out.</summary>
    public async Task<IReadOnlyList<CatalogProduct>> ByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : (await GetAsync<CatalogProductPage>($"/api/v1/products?ids={string.Join(',', ids)}", ct))!.Items;

    public Task<CatalogProduct?> ProductAsync(string slug, CancellationToken ct) =>
        GetAsync<CatalogProduct>($"/api/v1/products/{Uri.EscapeDataString(slug)}", ct, notFoundIsNull: true);

    public async Task<CategoryTree> CategoryTreeAsync(CancellationToken ct)
    {
        if (categories.TryGetFresh(out var tree)) return tree;
        using var response = await http.GetAsync("/api/v1/categories", HttpCompletionOption.ResponseHeadersRead, ct);
        tree = CategoryTree.Of((await ReadAsync<List<CatalogCategory>>(response, ct))!);
        categories.Keep(tree, response.Headers.CacheControl);
        return tree;
    }

    public async Task<CatalogSearchResults> SearchAsync(string text, int first, CancellationToken ct) =>
        (await GetAsync<CatalogSearchResults>($"/api/v1/search?q={Uri.EscapeDataString(text)}&limit={first}", ct))!;

    public async Task<CatalogSuggestions> SuggestAsync(string text, CancellationToken ct) =>
        (await GetAsync<CatalogSuggestions>($"/api/v1/search/suggest?q={Uri.EscapeDataString(text)}", ct))!;

    private async Task<T?> GetAsync<T>(string url, CancellationToken ct, bool notFoundIsNull = false) where T : class
    {
        // Read as the body arrives, not first copied whole into a buffer.
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (notFoundIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        return await ReadAsync<T>(response, ct);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) where T : class
    {
        if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
            throw new ExecutionError("Catalog refused the arguments: " + await response.Content.ReadAsStringAsync(ct)) { Code = "BAD_USER_INPUT" };
        if (!response.IsSuccessStatusCode)
            throw new ExecutionError($"Catalog answered {(int)response.StatusCode}.") { Code = StorefrontErrors.DownstreamUnavailable };
        return await response.Content.ReadFromJsonAsync<T>(ct);
    }
}

/// <summary>Passes the caller's token on, so each service decides for itself what the caller may see.</summary>
public sealed class ForwardCallerToken(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return base.SendAsync(request, cancellationToken);
    }
}
