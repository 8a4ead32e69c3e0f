namespace Grocery.Contracts.Ordering;

/// <summary>Money was returned to the shopper.</summary>
public sealed record PaymentRefundedIntegrationEvent(
    Guid OrderId,
    decimal RefundedAmount,
    string Reason,
    DateTimeOffset RefundedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
