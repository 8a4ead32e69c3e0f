namespace Grocery.Contracts.Ordering;

/// <summary>The final amount of an order was captured.</summary>
public sealed record PaymentCapturedIntegrationEvent(
    Guid OrderId,
    decimal CapturedAmount,
    string? PaymentIntentId,
    DateTimeOffset CapturedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => OrderId.ToString();
}
