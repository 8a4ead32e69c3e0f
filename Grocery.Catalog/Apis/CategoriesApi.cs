using Grocery.Catalog.Caching;
using Grocery.Catalog.Reading;

namespace Grocery.Catalog.Apis;

public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/categories").WithTags("Categories").AllowAnonymous();
        api.MapGet("/", GetCategoryTreeAsync)
            .WithSummary("The category tree with the number of active products in each.").Produces<IReadOnlyList<CategoryTreeNode>>();
        return app;
    }

    private static readonly string[] Tags = [CacheTags.Listings];

    public static async Task<CachedJsonResult> GetCategoryTreeAsync(CatalogCache cache, ProductReader reader, CancellationToken cancellationToken)
    {
        var response = await cache.GetOrCreateAsync("categories", Tags, reader,
            static (r, ct) => r.GetCategoryTreeAsync(ct), CatalogJsonContext.Default.IReadOnlyListCategoryTreeNode, cancellationToken);
        return new CachedJsonResult(response, 60);
    }
}
