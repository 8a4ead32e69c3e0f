using System.Globalization;
using Grocery.Catalog.Domain;

namespace Grocery.Catalog.Importing;

/// <summary>The catalog's CSV format: a header row naming these columns, lists separated by '|'.</summary>
public static class ProductCsv
{
    public static readonly string[] Columns =
    [
        "sku", "gtin", "name", "name_en", "description", "description_en", "brand", "category_path", "sold_by", "unit", "net_content",
        "price", "tax_class", "dietary_tags", "allergens", "country_of_origin", "storage", "perishable",
        "shelf_life_days", "images", "is_active", "popularity",
    ];

    private static readonly string[] Required = ["sku", "gtin", "name", "brand", "category_path", "sold_by", "unit", "net_content", "price", "tax_class", "storage"];

    public static string? CheckHeader(string[] header, out Dictionary<string, int> index)
    {
        var columns = header.Select((h, i) => (h: h.Trim().ToLowerInvariant(), i)).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().i);
        index = columns;
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        return missing.Count == 0 ? null : $"Missing columns: {string.Join(", ", missing)}.";
    }

    public static string HeaderLine => string.Join(',', Columns);

    public static string ToLine(ProductDraft d) => string.Join(',', new[]
    {
        d.Sku, d.Gtin, d.Name, d.NameEn ?? "", d.Description ?? "", d.DescriptionEn ?? "", d.Brand, d.CategoryPath ?? "",
        d.SoldBy == SoldBy.Weight ? "weight" : "each", d.Unit, d.NetContent.ToString(CultureInfo.InvariantCulture),
        d.Price.ToString(CultureInfo.InvariantCulture), d.TaxClass.ToString(CultureInfo.InvariantCulture),
        string.Join('|', d.DietaryTags ?? []), string.Join('|', d.Allergens ?? []), d.CountryOfOrigin ?? "",
        d.Storage.ToString().ToLowerInvariant(), d.Perishable ? "true" : "false",
        d.ShelfLifeDays?.ToString(CultureInfo.InvariantCulture) ?? "", string.Join('|', d.Images ?? []),
        d.IsActive ? "true" : "false", d.Popularity.ToString(CultureInfo.InvariantCulture),
    }.Select(CsvRecordReader.Escape));

    /// <summary>Parses and validates one row; errors name the CSV column.</summary>
    public static ProductDraft? ParseRow(int line, string[] fields, Dictionary<string, int> index, List<ImportError> errors)
    {
        var before = errors.Count;
        string Get(string column) => index.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : "";
        void Fail(string column, string message) => errors.Add(new ImportError(line, column, message));

        if (fields.Length != index.Count) Fail("*", $"Expected {index.Count} fields, found {fields.Length}.");
        var soldBy = Get("sold_by").ToLowerInvariant() switch
        {
            "each" => SoldBy.Each,
            "weight" => SoldBy.Weight,
            _ => (SoldBy)(-1),
        };
        if (soldBy < 0) Fail("sold_by", "sold_by is 'each' or 'weight'.");
        if (!decimal.TryParse(Get("net_content"), NumberStyles.Number, CultureInfo.InvariantCulture, out var netContent))
            Fail("net_content", "net_content is a number.");
        if (!decimal.TryParse(Get("price"), NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
            Fail("price", "price is a number of đồng.");
        if (!int.TryParse(Get("tax_class"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var taxClass))
            Fail("tax_class", "tax_class is 0, 5, 8 or 10.");
        if (!Enum.TryParse<StorageType>(Get("storage"), ignoreCase: true, out var storage) || !Enum.IsDefined(storage))
            Fail("storage", "storage is ambient, chilled or frozen.");
        var perishable = ParseBool(Get("perishable"), false, "perishable", Fail);
        var isActive = ParseBool(Get("is_active"), true, "is_active", Fail);
        int? shelfLife = null;
        if (Get("shelf_life_days") is { Length: > 0 } sl)
        {
            if (int.TryParse(sl, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days)) shelfLife = days;
            else Fail("shelf_life_days", "shelf_life_days is a whole number.");
        }
        var popularity = 0;
        if (Get("popularity") is { Length: > 0 } pop && !int.TryParse(pop, NumberStyles.Integer, CultureInfo.InvariantCulture, out popularity))
            Fail("popularity", "popularity is a whole number.");
        var country = Get("country_of_origin");
        if (errors.Count > before) return null;

        var draft = new ProductDraft(Get("sku").ToUpperInvariant(), Get("gtin"), Get("name"), Get("name_en"), Get("description"),
            Get("brand"), Get("category_path"), soldBy, Get("unit").ToLowerInvariant(), netContent, price, taxClass,
            List(Get("dietary_tags")), List(Get("allergens")), country.Length == 0 ? null : country.ToUpperInvariant(),
            storage, perishable, shelfLife, Split(Get("images")), isActive, popularity,
            DescriptionEn: index.ContainsKey("description_en") ? Get("description_en") : null);
        foreach (var (field, messages) in draft.Validate())
            foreach (var message in messages) Fail(ColumnOf(field), message);
        return errors.Count > before ? null : draft;
    }

    private static string ColumnOf(string field) => CatalogDbContext.SnakeCase(field);

    private static bool ParseBool(string value, bool fallback, string column, Action<string, string> fail)
    {
        if (value.Length == 0) return fallback;
        if (bool.TryParse(value, out var b)) return b;
        if (value is "1" or "0") return value == "1";
        fail(column, $"{column} is true or false.");
        return fallback;
    }

    private static string[] Split(string value) => value.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    private static string[] List(string value) => [.. Split(value).Select(v => v.ToLowerInvariant()).Distinct()];
}
