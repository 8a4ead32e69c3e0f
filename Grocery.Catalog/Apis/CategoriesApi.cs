using Grocery.Catalog.Domain;

namespace Grocery.Catalog.Apis;

public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/categories").WithTags("Categories").AllowAnonymous();
        api.MapGet("/", GetCategoryTreeAsync);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CategoryTreeNode>>> GetCategoryTreeAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Set<Category>().AsNoTracking()
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .ToListAsync(cancellationToken);
        var byParent = categories.ToLookup(c => c.ParentId);
        IReadOnlyList<CategoryTreeNode> Build(int? parentId) =>
            byParent[parentId].Select(c => new CategoryTreeNode(c.Id, c.Name, c.Slug, Build(c.Id))).ToList();
        return TypedResults.Ok(Build(null));
    }
}
