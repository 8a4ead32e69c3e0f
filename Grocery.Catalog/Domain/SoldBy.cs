namespace Grocery.Catalog.Domain;

/// <summary>How a product is sold: per piece, or weighed at picking (quantity in kg).</summary>
public enum SoldBy
{
    Each,
    Weight,
}
