namespace Grocery.Ordering.Clients;

/// <summary>
/// The part of Catalog's product summary Ordering prices with. Price is VND with VAT included; TaxClass is
/// the VAT rate in percent. Unit and NetContent give one item's size (e.g. "g", 500), for similar substitutes.
/// </summary>
public sealed record CatalogProduct(
    Guid Id, string Sku, string Name, decimal Price, int TaxClass, string SoldBy,
    string? Slug = null, int CategoryId = 0, string? Unit = null, decimal NetContent = 0m)
{
    public bool SoldByWeight => string.Equals(SoldBy, "Weight", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Where a product sits in the warehouse, from Catalog's product detail: its GTIN, storage and category path (root first).</summary>
public sealed record CatalogShelfDetails(string? Gtin, string? Storage, IReadOnlyList<CatalogCategoryRef>? Category)
{
    /// <summary>Dark stores shelve by category: the most specific category names the aisle.</summary>
    public string? Aisle => Category is { Count: > 0 } path ? path[^1].Name : null;
}

public sealed record CatalogCategoryRef(int Id, string Name, string Slug);
