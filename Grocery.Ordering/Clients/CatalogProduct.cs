namespace Grocery.Ordering.Clients;

/// <summary>The part of Catalog's product summary Ordering prices with. Price is VND with VAT included; TaxClass is the VAT rate in percent.</summary>
public sealed record CatalogProduct(Guid Id, string Sku, string Name, decimal Price, int TaxClass, string SoldBy)
{
    public bool SoldByWeight => string.Equals(SoldBy, "Weight", StringComparison.OrdinalIgnoreCase);
}
