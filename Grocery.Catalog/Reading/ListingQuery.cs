using System.Globalization;
using System.Text;
using Grocery.Catalog.Domain;
using Grocery.Persistence;

namespace Grocery.Catalog.Reading;

/// <summary>A validated product listing request; <see cref="CacheKey"/> is its canonical form.</summary>
public sealed record ListingQuery(
    string? Category,
    string[] Brands,
    string[] Tags,
    decimal? MinPrice,
    decimal? MaxPrice,
    bool InStock,
    ListingSort Sort,
    int Limit,
    ListingCursor? Cursor,
    Guid? Warehouse)
{
    public const int DefaultLimit = 24;
    public const int MaxLimit = 100;

    public static ListingQuery? Parse(IQueryCollection query, Guid? warehouse, Dictionary<string, string[]> errors)
    {
        if (!ListingSorts.TryParse(query["sort"], out var sort))
            errors["sort"] = ["Sort is one of relevance, price, -price, unit_price, name, newest."];
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, out limit) || limit is < 1 or > MaxLimit))
            errors["limit"] = [$"Limit is between 1 and {MaxLimit}."];
        var min = ParsePrice(query, "minPrice", errors);
        var max = ParsePrice(query, "maxPrice", errors);
        if (min > max) errors["maxPrice"] = ["maxPrice must not be below minPrice."];
        var inStock = false;
        if (query.TryGetValue("inStock", out var s) && !bool.TryParse(s, out inStock)) errors["inStock"] = ["inStock is true or false."];
        if (inStock && warehouse is null) errors["warehouse"] = ["inStock needs the shopper's warehouse (?warehouse= or X-Warehouse-Id)."];
        ListingCursor? cursor = null;
        if (query.TryGetValue("cursor", out var c) && !string.IsNullOrEmpty(c) && !ListingCursor.TryDecode(c!, sort, out cursor))
            errors["cursor"] = ["The cursor is not valid for this sort."];
        var category = query["category"].ToString();
        // A category is named by its slug or its id.
        if (StoredText.Check(category, CatalogLimits.CategorySlugMaxLength) is { } categoryProblem) errors["category"] = [categoryProblem];
        var brands = List(query, "brand", CatalogLimits.BrandMaxLength, errors);
        var tags = List(query, "tags", CatalogLimits.TagMaxLength, errors);
        if (errors.Count > 0) return null;
        return new ListingQuery(category.Length == 0 ? null : category, brands, tags, min, max, inStock, sort, limit, cursor, warehouse);
    }

    private static decimal? ParsePrice(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var v)) return null;
        if (decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) && price >= 0 && price <= CatalogLimits.MaxUnitPrice)
            return price;
        errors[name] = [$"{name} is an amount in VND from 0 to {CatalogLimits.MaxUnitPrice:0}."];
        return null;
    }

    private static string[] List(IQueryCollection query, string name, int maxLength, Dictionary<string, string[]> errors)
    {
        var raw = query[name].ToString();
        if (raw.Length == 0) return [];
        var items = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(i => i.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (items.Length > CatalogLimits.MaxFilterValues) errors[name] = [$"{name} lists at most {CatalogLimits.MaxFilterValues} values."];
        else if (items.Select(i => StoredText.Check(i, maxLength)).FirstOrDefault(p => p is not null) is { } problem) errors[name] = [problem];
        return items;
    }

    public string CacheKey()
    {
        var sb = new StringBuilder("l:", 96);
        sb.Append(Category).Append('|').AppendJoin(',', Brands).Append('|').AppendJoin(',', Tags).Append('|')
            .Append(MinPrice?.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(MaxPrice?.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(InStock ? '1' : '0').Append('|').Append((int)Sort).Append('|').Append(Limit).Append('|')
            .Append(Cursor?.Encode()).Append('|').Append(Warehouse?.ToString("N"));
        return sb.ToString();
    }
}
