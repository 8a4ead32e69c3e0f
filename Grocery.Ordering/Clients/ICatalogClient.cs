namespace Grocery.Ordering.Clients;

public interface ICatalogClient
{
    /// <summary>Active products among <paramref name="ids"/>, in one call; unknown or inactive ids are absent.</summary>
    Task<IReadOnlyDictionary<Guid, CatalogProduct>> GetProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
