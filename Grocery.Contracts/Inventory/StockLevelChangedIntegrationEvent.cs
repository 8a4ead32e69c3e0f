namespace Grocery.Contracts.Inventory;

/// <summary>Available stock (on hand minus reserved) of a SKU in a warehouse changed.</summary>
public sealed record StockLevelChangedIntegrationEvent(
    string Sku,
    Guid WarehouseId,
    decimal Available,
    StockState State,
    DateTimeOffset ChangedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => Sku;
}
