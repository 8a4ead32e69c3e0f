namespace Grocery.Contracts.Ordering;

/// <summary>The order was cancelled; consumers release what they hold for it.</summary>
public sealed record OrderCancelledIntegrationEvent(
    Guid OrderId,
    OrderCancellationReason Reason,
    string? Detail,
    DateTimeOffset CancelledAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
