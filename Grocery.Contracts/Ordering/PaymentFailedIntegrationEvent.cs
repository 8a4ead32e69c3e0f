namespace Grocery.Contracts.Ordering;

/// <summary>The payment for an order could not be authorised or captured.</summary>
public sealed record PaymentFailedIntegrationEvent(
    Guid OrderId,
    PaymentMethod PaymentMethod,
    string Reason,
    DateTimeOffset FailedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
