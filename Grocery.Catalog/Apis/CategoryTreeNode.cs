namespace Grocery.Catalog.Apis;

public sealed record CategoryTreeNode(int Id, string Name, string Slug, IReadOnlyList<CategoryTreeNode> Children);
