namespace Grocery.Contracts.Ordering;

/// <summary>The order is packed with its final total.</summary>
public sealed record OrderPackedIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    decimal FinalTotal,
    int PackageCount,
    DateTimeOffset PackedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
