namespace Grocery.Catalog.Caching;

/// <summary>
/// Listing, search and category pages carry <see cref="Listings"/> (any product change can move
/// them) and their warehouse's tag (stock state changes there); a product's detail pages carry its
/// slug's tag (the cache key is the slug, so a missing slug can be cached too).
/// </summary>
public static class CacheTags
{
    public const string Listings = "listings";
    public const string All = "*";

    public static string Slug(string slug) => $"slug:{slug}";
    public static string Warehouse(Guid id) => $"warehouse:{id:N}";

    private static readonly string[] ListingsOnly = [Listings];

    public static string[] ForListing(Guid? warehouse) => warehouse is { } w ? [Listings, Warehouse(w)] : ListingsOnly;
}
