namespace Grocery.Catalog.Reading;

/// <summary>Ranked matches; <see cref="InterpretedAs"/> shows the query after typo correction.</summary>
public sealed record SearchResults(string Query, string InterpretedAs, IReadOnlyList<ProductSummary> Items);

public sealed record Suggestion(string Name, string NameEn, string Slug, string Sku);

public sealed record Suggestions(string Query, IReadOnlyList<Suggestion> Items);
