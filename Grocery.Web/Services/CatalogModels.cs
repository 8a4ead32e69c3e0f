namespace Grocery.Web.Services;

public sealed record CategorySummary(int Id, string Name, string Slug, int ProductCount, IReadOnlyList<CategorySummary> Children);

public sealed record ProductSummary(
    Guid Id, string Sku, string Slug, string Name, string NameEn, string Brand, int CategoryId,
    decimal Price, decimal UnitPrice, string UnitPriceUnit, string SoldBy, string Unit, decimal NetContent,
    int TaxClass, string[] DietaryTags, string? Image, string? Availability)
{
    public bool SoldByWeight => SoldBy == "weight";
}

public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, string? NextCursor);

public sealed record CategoryRef(int Id, string Name, string Slug);

public sealed record ProductDetail(
    Guid Id, string Sku, string Gtin, string Slug, string Name, string NameEn, string Description, string DescriptionEn,
    string Brand, IReadOnlyList<CategoryRef> Category, decimal Price, int TaxClass, decimal UnitPrice, string UnitPriceUnit,
    string SoldBy, string Unit, decimal NetContent, string[] DietaryTags, string[] Allergens, string CountryOfOrigin,
    string Storage, bool Perishable, int? ShelfLifeDays, string[] Images, bool IsActive, string? Availability)
{
    public bool SoldByWeight => SoldBy == "weight";
}

public sealed record SearchResults(string Query, string InterpretedAs, IReadOnlyList<ProductSummary> Items);

public sealed record Suggestion(string Name, string NameEn, string Slug, string Sku);

public sealed record Suggestions(string Query, IReadOnlyList<Suggestion> Items);

/// <summary>Category page options, as the catalog's listing API takes them.</summary>
public sealed record ListingRequest(string Category, string? Sort, string? Cursor, bool InStock, Guid? Warehouse, int Limit = 24, string? Tag = null, decimal? MaxPrice = null);
