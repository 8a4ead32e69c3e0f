namespace Grocery.Contracts.Inventory;

/// <summary>Every line of an order is reserved in its warehouse; pending until the order is confirmed.</summary>
public sealed record StockReservedIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    IReadOnlyList<ReservedLine> Lines,
    DateTimeOffset ExpiresAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
