namespace Grocery.Catalog.Domain;

/// <summary>A node of the category tree, e.g. Rau củ › Trái cây › Táo.</summary>
public sealed class Category
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public int SortOrder { get; set; }
}
