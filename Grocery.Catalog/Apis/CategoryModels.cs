namespace Grocery.Catalog.Apis;

/// <summary>A category with its children; <see cref="ProductCount"/> counts active products including descendants.</summary>
public sealed record CategoryTreeNode(int Id, string Name, string Slug, int ProductCount, IReadOnlyList<CategoryTreeNode> Children);
