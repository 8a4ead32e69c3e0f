namespace Grocery.Contracts.Ordering;

/// <summary>Picking finished: actual quantities, weights and substitutes per line.</summary>
public sealed record OrderPickedIntegrationEvent(
    Guid OrderId,
    Guid WarehouseId,
    IReadOnlyList<PickedLine> Lines,
    DateTimeOffset PickedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
