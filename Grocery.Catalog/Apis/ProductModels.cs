using Grocery.Catalog.Domain;

namespace Grocery.Catalog.Apis;

public sealed record ProductWriteRequest(
    string? Sku,
    string? Gtin,
    string? Name,
    string? NameEn,
    string? Description,
    string? DescriptionEn,
    string? Brand,
    int? CategoryId,
    string? SoldBy,
    string? Unit,
    decimal? NetContent,
    decimal? Price,
    int? TaxClass,
    string[]? DietaryTags,
    string[]? Allergens,
    string? CountryOfOrigin,
    string? Storage,
    bool? Perishable,
    int? ShelfLifeDays,
    string[]? Images)
{
    public ProductDraft? ToDraft(Dictionary<string, string[]> errors)
    {
        var soldBy = SoldBy?.ToLowerInvariant() switch
        {
            "each" or null => Domain.SoldBy.Each,
            "weight" => Domain.SoldBy.Weight,
            _ => (Domain.SoldBy)(-1),
        };
        if (soldBy < 0) errors["soldBy"] = ["soldBy is 'each' or 'weight'."];
        var storage = StorageType.Ambient;
        if (Storage is not null && (!Enum.TryParse(Storage, ignoreCase: true, out storage) || !Enum.IsDefined(storage)))
            errors["storage"] = ["storage is ambient, chilled or frozen."];
        if (CategoryId is null) errors["categoryId"] = ["categoryId is required."];
        if (errors.Count > 0) return null;
        var draft = new ProductDraft((Sku ?? "").Trim().ToUpperInvariant(), Gtin ?? "", Name?.Trim() ?? "", NameEn?.Trim(), Description,
            Brand?.Trim() ?? "", null, soldBy, Unit?.ToLowerInvariant() ?? "", NetContent ?? 0, Price ?? 0, TaxClass ?? -1,
            Lower(DietaryTags), Lower(Allergens), CountryOfOrigin?.ToUpperInvariant(), storage, Perishable ?? false, ShelfLifeDays, Images,
            CategoryId: CategoryId, DescriptionEn: DescriptionEn ?? "");
        foreach (var (k, v) in draft.Validate()) errors[k] = v;
        // Duplicates go only after validation, so an error names the element's position in the request.
        return errors.Count > 0 ? null : draft with { DietaryTags = draft.DietaryTags?.Distinct().ToArray(), Allergens = draft.Allergens?.Distinct().ToArray() };
    }

    /// <summary>Null elements stay (JSON does not enforce the element type's nullability) for validation to name.</summary>
    private static string[]? Lower(string[]? values) => values?.Select(v => v?.ToLowerInvariant()!).ToArray();
}

public sealed record ChangePriceRequest(decimal? Price);

public sealed record ImportSummary(int Rows, int Created, int Updated, int Unchanged);
