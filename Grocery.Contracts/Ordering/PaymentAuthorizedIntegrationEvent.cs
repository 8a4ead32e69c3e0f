namespace Grocery.Contracts.Ordering;

/// <summary>The payment for an order is authorised (card: requires_capture; cash on delivery: at once).</summary>
public sealed record PaymentAuthorizedIntegrationEvent(
    Guid OrderId,
    PaymentMethod PaymentMethod,
    decimal AuthorizedAmount,
    string? PaymentIntentId,
    DateTimeOffset AuthorizedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
