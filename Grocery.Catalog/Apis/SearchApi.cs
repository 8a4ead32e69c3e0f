using Grocery.Catalog.Caching;
using Grocery.Catalog.Reading;
using Grocery.Catalog.Search;

namespace Grocery.Catalog.Apis;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/search").WithTags("Search").AllowAnonymous();
        api.MapGet("/", SearchAsync)
            .WithSummary("Products matching a shopper's words (q), in Vietnamese or English, best first.").Produces<SearchResults>();
        api.MapGet("/suggest", SuggestAsync)
            .WithSummary("Product names completing what a shopper has typed so far (q).").Produces<Suggestions>();
        return app;
    }

    public static async Task<Results<CachedJsonResult, ValidationProblem>> SearchAsync(
        HttpRequest request, CatalogCache cache, ProductSearch search, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = SearchQuery.Parse(request.Query, ShopperContext.Warehouse(request, errors), 24, errors);
        if (query is null) return TypedResults.ValidationProblem(errors);
        var response = await cache.GetOrCreateAsync(query.CacheKey("s"), CacheTags.ForListing(query.Filters.Warehouse), (search, query),
            static (s, token) => s.search.SearchAsync(s.query, token), CatalogJsonContext.Default.SearchResults, ct);
        return new CachedJsonResult(response, 30);
    }

    public static async Task<Results<CachedJsonResult, ValidationProblem>> SuggestAsync(
        HttpRequest request, CatalogCache cache, ProductSearch search, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = SearchQuery.Parse(request.Query, null, 8, errors);
        if (query is null) return TypedResults.ValidationProblem(errors);
        var response = await cache.GetOrCreateAsync(query.CacheKey("g"), CacheTags.ForListing(null), (search, query),
            static (s, token) => s.search.SuggestAsync(s.query, token), CatalogJsonContext.Default.Suggestions, ct);
        return new CachedJsonResult(response, 60);
    }
}
