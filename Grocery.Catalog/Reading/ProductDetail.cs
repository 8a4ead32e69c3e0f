namespace Grocery.Catalog.Reading;

/// <summary>Everything about one product; <see cref="Version"/> is what If-Match names on admin writes.</summary>
public sealed record ProductDetail(
    Guid Id,
    string Sku,
    string Gtin,
    string Slug,
    string Name,
    string NameEn,
    string Description,
    string DescriptionEn,
    string Brand,
    IReadOnlyList<CategoryRef> Category,
    decimal Price,
    int TaxClass,
    decimal UnitPrice,
    string UnitPriceUnit,
    string SoldBy,
    string Unit,
    decimal NetContent,
    string[] DietaryTags,
    string[] Allergens,
    string CountryOfOrigin,
    string Storage,
    bool Perishable,
    int? ShelfLifeDays,
    string[] Images,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version,
    string? Availability);

public sealed record CategoryRef(int Id, string Name, string Slug);
