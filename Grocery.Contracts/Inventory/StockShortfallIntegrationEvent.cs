namespace Grocery.Contracts.Inventory;

/// <summary>A write-off took on-hand stock below what is reserved for an order.</summary>
public sealed record StockShortfallIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    IReadOnlyList<StockShortfallLine> Lines,
    DateTimeOffset DetectedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
