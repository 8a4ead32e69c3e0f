namespace Grocery.Catalog.Domain;

/// <summary>A node of the category tree, e.g. Rau củ › Trái cây › Táo.</summary>
public sealed class Category
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Integration events identify categories by Guid; ours are integers, mapped one to one.</summary>
    public static Guid ToEventId(int id) => new(id, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0x01]);
}
