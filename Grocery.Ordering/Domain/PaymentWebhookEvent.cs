namespace Grocery.Ordering.Domain;

/// <summary>A provider's webhook event already handled: providers deliver at least once, so a replay is recognised by its id.</summary>
public sealed class PaymentWebhookEvent
{
    public string EventId { get; set; } = "";

    public string Type { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }
}
