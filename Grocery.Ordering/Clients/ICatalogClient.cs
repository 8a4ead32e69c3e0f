namespace Grocery.Ordering.Clients;

public interface ICatalogClient
{
    /// <summary>Active products among <paramref name="ids"/>, in one call; unknown or inactive ids are absent.</summary>
    Task<IReadOnlyDictionary<Guid, CatalogProduct>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>GTIN, storage and category of an active product (by its slug); null when Catalog no longer lists it.</summary>
    Task<CatalogShelfDetails?> GetShelfDetailsAsync(string slug, CancellationToken cancellationToken);

    /// <summary>Active products of a category, for substitutes.</summary>
    Task<IReadOnlyList<CatalogProduct>> ListCategoryAsync(int categoryId, int limit, CancellationToken cancellationToken);

    /// <summary>The active product with this SKU, or null.</summary>
    Task<CatalogProduct?> FindBySkuAsync(string sku, CancellationToken cancellationToken);
}
