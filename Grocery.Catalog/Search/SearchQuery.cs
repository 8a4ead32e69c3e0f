using Grocery.Catalog.Domain;
using Grocery.Catalog.Reading;
using Grocery.Persistence;

namespace Grocery.Catalog.Search;

/// <summary>A validated search: the shopper's text plus the listing filters it combines with.</summary>
public sealed record SearchQuery(string Text, ListingQuery Filters)
{
    public const int MaxLength = CatalogLimits.SearchTextMaxLength;

    public static SearchQuery? Parse(IQueryCollection query, Guid? warehouse, int defaultLimit, Dictionary<string, string[]> errors)
    {
        var text = query["q"].ToString().Trim();
        if (text.Length == 0 || text.Length > MaxLength) errors["q"] = [$"q is 1 to {MaxLength} characters."];
        else if (!StoredText.IsClean(text)) errors["q"] = ["q contains characters that are not allowed (control characters)."];
        else if (SearchText.Words(text).Count == 0) errors["q"] = ["q must contain a letter or a digit."];
        var filters = ListingQuery.Parse(query, warehouse, errors);
        if (errors.Count > 0 || filters is null) return null;
        if (!query.ContainsKey("limit")) filters = filters with { Limit = defaultLimit };
        return new SearchQuery(text, filters with { Cursor = null, Sort = ListingSort.Relevance });
    }

    public string CacheKey(string kind) => $"{kind}:{SearchText.Fold(Text)}|{Filters.CacheKey()}";
}
