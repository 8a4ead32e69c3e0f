namespace Grocery.Web.Services;

public sealed record CategorySummary(int Id, string Name, string Slug, IReadOnlyList<CategorySummary> Children);
