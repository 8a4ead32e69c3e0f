namespace Grocery.Catalog.Reading;

/// <summary>A product as listings and search show it.</summary>
public sealed record ProductSummary(
    Guid Id,
    string Sku,
    string Slug,
    string Name,
    string NameEn,
    string Brand,
    int CategoryId,
    decimal Price,
    decimal UnitPrice,
    string UnitPriceUnit,
    string SoldBy,
    string Unit,
    decimal NetContent,
    int TaxClass,
    string[] DietaryTags,
    string? Image,
    string? Availability);
