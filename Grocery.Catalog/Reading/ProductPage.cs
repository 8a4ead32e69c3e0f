namespace Grocery.Catalog.Reading;

public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, string? NextCursor);
