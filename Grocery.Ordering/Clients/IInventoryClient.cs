namespace Grocery.Ordering.Clients;

public interface IInventoryClient
{
    /// <summary>What the warehouse can still promise of each SKU (on hand less reserved).</summary>
    Task<IReadOnlyDictionary<string, decimal>> GetAvailableAsync(Guid warehouseId, IReadOnlyCollection<string> skus, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves a substitute for the order in its reservation's warehouse, atomically (never oversells);
    /// the same <paramref name="idempotencyKey"/> again gives the same answer.
    /// </summary>
    Task<SubstituteReservation> ReserveSubstituteAsync(Guid orderId, string originalSku, string sku, decimal quantity, string idempotencyKey,
        CancellationToken cancellationToken);
}

public enum SubstituteReservation
{
    Reserved,
    /// <summary>Not enough of the substitute is available (409).</summary>
    Unavailable,
    /// <summary>Inventory holds no reservation for the order (404).</summary>
    NoReservation,
}
