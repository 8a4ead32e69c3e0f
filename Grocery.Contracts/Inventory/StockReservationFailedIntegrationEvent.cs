namespace Grocery.Contracts.Inventory;

/// <summary>At least one line of an order could not be reserved; nothing was reserved.</summary>
public sealed record StockReservationFailedIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    IReadOnlyList<StockShortfallLine> Shortfalls) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
