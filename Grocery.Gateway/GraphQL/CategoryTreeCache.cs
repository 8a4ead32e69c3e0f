using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;

namespace Grocery.Gateway.GraphQL;

/// <summary>Catalog's category tree with every category, at any depth, by id.</summary>
public sealed record CategoryTree(IReadOnlyList<CatalogCategory> Roots, IReadOnlyDictionary<int, CatalogCategory> ById)
{
    public static CategoryTree Of(IReadOnlyList<CatalogCategory> roots)
    {
        var byId = new Dictionary<int, CatalogCategory>();
        var stack = new Stack<CatalogCategory>(roots);
        while (stack.TryPop(out var category))
        {
            byId[category.Id] = category;
            foreach (var child in category.Children) stack.Push(child);
        }
        return new(roots, byId);
    }
}

/// <summary>
/// The category tree as Catalog last answered it, kept for as long as Catalog's Cache-Control lets a shared
/// cache keep it (s-maxage, else max-age), so a listing that names its products' categories costs Catalog
/// one call instead of two. An answer without an age, or marked no-store, no-cache or private, is not kept.
/// </summary>
public sealed class CategoryTreeCache(TimeProvider time)
{
    private Kept? _kept;

    public bool TryGetFresh([NotNullWhen(true)] out CategoryTree? tree)
    {
        if (Volatile.Read(ref _kept) is { } kept && time.GetUtcNow() < kept.Until)
        {
            tree = kept.Tree;
            return true;
        }
        tree = null;
        return false;
    }

    public void Keep(CategoryTree tree, CacheControlHeaderValue? cacheControl)
    {
        if (cacheControl is null || cacheControl.NoStore || cacheControl.NoCache || cacheControl.Private) return;
        if ((cacheControl.SharedMaxAge ?? cacheControl.MaxAge) is not { } age || age <= TimeSpan.Zero) return;
        Volatile.Write(ref _kept, new Kept(tree, time.GetUtcNow() + age));
    }

    private sealed record Kept(CategoryTree Tree, DateTimeOffset Until);
}
