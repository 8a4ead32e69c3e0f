using Grocery.Persistence;

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
    /// <summary>Field (camelCase) → messages; empty when the draft is valid and every value fits its column.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];
        void CheckText(string field, string? value, int maxLength, bool multiline = false)
        {
            if (StoredText.Check(value, maxLength, multiline) is { } problem) Fail(field, problem);
        }

        if (string.IsNullOrWhiteSpace(Sku) || Sku.Length > CatalogLimits.SkuMaxLength || !Sku.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            Fail("sku", $"SKU is required: up to {CatalogLimits.SkuMaxLength} letters, digits or '-'.");
        if (!ProductRules.IsValidEan13(Gtin)) Fail("gtin", "GTIN must be an EAN-13 with a valid check digit.");
        if (string.IsNullOrWhiteSpace(Name)) Fail("name", $"Name is required (up to {CatalogLimits.NameMaxLength} characters).");
        else CheckText("name", Name, CatalogLimits.NameMaxLength);
        CheckText("nameEn", NameEn, CatalogLimits.NameMaxLength);
        CheckText("description", Description, CatalogLimits.DescriptionMaxLength, multiline: true);
        CheckText("descriptionEn", DescriptionEn, CatalogLimits.DescriptionMaxLength, multiline: true);
        if (string.IsNullOrWhiteSpace(Brand)) Fail("brand", $"Brand is required (up to {CatalogLimits.BrandMaxLength} characters).");
        else CheckText("brand", Brand, CatalogLimits.BrandMaxLength);
        if (CategoryId is null)
        {
            var path = CategoryPathParts();
            if (path.Length < 1 || path.Length > CatalogLimits.CategoryPathMaxDepth
                || path.Any(p => StoredText.Check(p, CatalogLimits.CategoryNameMaxLength) is not null || ProductRules.Slugify(p).Length == 0))
                Fail("categoryPath", $"Category path is 1 to {CatalogLimits.CategoryPathMaxDepth} names (each with a letter or digit, up to "
                    + $"{CatalogLimits.CategoryNameMaxLength} characters) separated by '>' (or give categoryId).");
        }
        if (!ProductRules.Units.Contains(Unit)) Fail("unit", $"Unit must be one of {string.Join(", ", ProductRules.Units)}.");
        if (SoldBy == SoldBy.Weight && Unit != "kg") Fail("unit", "Weighed products are sold per kg.");
        var netContentFits = NetContent >= CatalogLimits.MinNetContent && NetContent <= CatalogLimits.MaxNetContent
            && decimal.Round(NetContent, CatalogLimits.NetContentScale) == NetContent;
        if (!netContentFits)
            Fail("netContent", $"Net content is between {CatalogLimits.MinNetContent} and {CatalogLimits.MaxNetContent:0}, with at most {CatalogLimits.NetContentScale} decimals.");
        var priceFits = Price > 0 && Price <= CatalogLimits.MaxPrice && decimal.Truncate(Price) == Price;
        if (!priceFits) Fail("price", $"Price is a whole number of đồng from 1 to {CatalogLimits.MaxPrice:0}.");
        if (netContentFits && priceFits && !ProductRules.UnitPriceFits(SoldBy, Unit, NetContent, Price))
            Fail("netContent", "The price per kg, litre or piece this net content gives is too large; check the net content and its unit.");
        if (!ProductRules.TaxClasses.Contains(TaxClass)) Fail("taxClass", "Tax class must be 0, 5, 8 or 10.");
        if (CountryOfOrigin is not null && (CountryOfOrigin.Length != CatalogLimits.CountryCodeLength || !CountryOfOrigin.All(char.IsAsciiLetterUpper)))
            Fail("countryOfOrigin", "Country of origin is an ISO 3166 alpha-2 code.");
        if (Perishable && ShelfLifeDays is null or <= 0) Fail("shelfLifeDays", "Perishable products need a positive shelf life.");
        if (ShelfLifeDays is <= 0 or > CatalogLimits.MaxShelfLifeDays)
            Fail("shelfLifeDays", $"Shelf life is 1 to {CatalogLimits.MaxShelfLifeDays} days.");
        CheckList("dietaryTags", DietaryTags, CatalogLimits.MaxTagsPerProduct, CatalogLimits.TagMaxLength, Fail);
        CheckList("allergens", Allergens, CatalogLimits.MaxTagsPerProduct, CatalogLimits.TagMaxLength, Fail);
        CheckList("images", Images, CatalogLimits.MaxImagesPerProduct, CatalogLimits.ImageUrlMaxLength, Fail);
        for (var i = 0; Images is not null && Images.Length <= CatalogLimits.MaxImagesPerProduct && i < Images.Length; i++)
        {
            if (Images[i] is { } image && !errors.ContainsKey($"images[{i}]")
                && (!Uri.TryCreate(image, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
                Fail($"images[{i}]", "Images are absolute http(s) URLs.");
        }
        return errors;
    }

    /// <summary>A stored list: bounded, and each element present, short and storable (JSON does not enforce element nullability).</summary>
    private static void CheckList(string field, string?[]? values, int maxCount, int maxLength, Action<string, string> fail)
    {
        if (values is null) return;
        if (values.Length > maxCount)
        {
            fail(field, $"At most {maxCount} values.");
            return;
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i])) fail($"{field}[{i}]", "Must not be empty.");
            else if (StoredText.Check(values[i], maxLength) is { } problem) fail($"{field}[{i}]", problem);
        }
    }

    public string[] CategoryPathParts() =>
        (CategoryPath ?? "").Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
