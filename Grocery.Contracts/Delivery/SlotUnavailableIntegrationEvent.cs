namespace Grocery.Contracts.Delivery;

/// <summary>The order's slot could not be confirmed (hold expired or capacity gone).</summary>
public sealed record SlotUnavailableIntegrationEvent(
    Guid OrderId,
    Guid SlotId,
    Guid SlotHoldId,
    string Reason) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
