namespace Grocery.Contracts.Inventory;

/// <summary>
/// Available stock (on hand minus reserved) of a SKU in a warehouse changed: published for every change,
/// at most once per row per publisher round, with the level as it was then.
/// </summary>
/// <param name="Version">
/// The stock row's change counter: a higher version is a later state of the same row. Zero in events
/// published before versions existed.
/// </param>
public sealed record StockLevelChangedIntegrationEvent(
    string Sku,
    Guid WarehouseId,
    decimal Available,
    StockState State,
    DateTimeOffset ChangedAt,
    long Version = 0) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => Sku;
}
