namespace Grocery.Catalog.Domain;

/// <summary>Everything a store manager (or a CSV row) states about a product; validated before it is written.</summary>
public sealed record ProductDraft(
    string Sku,
    string Gtin,
    string Name,
    string? NameEn,
    string? Description,
    string Brand,
    string? CategoryPath,
    SoldBy SoldBy,
    string Unit,
    decimal NetContent,
    decimal Price,
    int TaxClass,
    string[]? DietaryTags,
    string[]? Allergens,
    string? CountryOfOrigin,
    StorageType Storage,
    bool Perishable,
    int? ShelfLifeDays,
    string[]? Images,
    bool IsActive = true,
    int Popularity = 0,
    int? CategoryId = null,
    // Null (a CSV without the column) keeps what the product had; empty clears it.
    string? DescriptionEn = null)
{
    /// <summary>Field (camelCase) → messages; empty when the draft is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(Sku) || Sku.Length > 32 || !Sku.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            Fail("sku", "SKU is required: up to 32 letters, digits or '-'.");
        if (!ProductRules.IsValidEan13(Gtin)) Fail("gtin", "GTIN must be an EAN-13 with a valid check digit.");
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200) Fail("name", "Name is required (up to 200 characters).");
        if (NameEn is { Length: > 200 }) Fail("nameEn", "English name is up to 200 characters.");
        if (Description is { Length: > 4000 }) Fail("description", "Description is up to 4000 characters.");
        if (DescriptionEn is { Length: > 4000 }) Fail("descriptionEn", "English description is up to 4000 characters.");
        if (string.IsNullOrWhiteSpace(Brand) || Brand.Length > 100) Fail("brand", "Brand is required (up to 100 characters).");
        if (CategoryId is null)
        {
            var path = CategoryPathParts();
            if (path.Length is < 1 or > 3 || path.Any(p => p.Length is 0 or > 200))
                Fail("categoryPath", "Category path is 1 to 3 names separated by '>' (or give categoryId).");
        }
        if (!ProductRules.Units.Contains(Unit)) Fail("unit", $"Unit must be one of {string.Join(", ", ProductRules.Units)}.");
        if (SoldBy == SoldBy.Weight && Unit != "kg") Fail("unit", "Weighed products are sold per kg.");
        if (NetContent <= 0 || NetContent > 100_000) Fail("netContent", "Net content must be positive.");
        if (Price <= 0 || Price > ProductRules.MaxPrice || decimal.Truncate(Price) != Price)
            Fail("price", "Price is a positive whole number of đồng.");
        if (!ProductRules.TaxClasses.Contains(TaxClass)) Fail("taxClass", "Tax class must be 0, 5, 8 or 10.");
        if (CountryOfOrigin is not null && (CountryOfOrigin.Length != 2 || !CountryOfOrigin.All(char.IsAsciiLetterUpper)))
            Fail("countryOfOrigin", "Country of origin is an ISO 3166 alpha-2 code.");
        if (Perishable && ShelfLifeDays is null or <= 0) Fail("shelfLifeDays", "Perishable products need a positive shelf life.");
        if (!Perishable && ShelfLifeDays is <= 0) Fail("shelfLifeDays", "Shelf life must be positive.");
        if (Images?.Any(i => !Uri.TryCreate(i, UriKind.Absolute, out _)) == true) Fail("images", "Images are absolute URLs.");
        return errors;
    }

    public string[] CategoryPathParts() =>
        (CategoryPath ?? "").Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
