namespace Grocery.Delivery.Domain;

/// <summary>A carrier callback already applied; its key makes a replayed callback a no-op.</summary>
public sealed class CarrierWebhookReceipt
{
    public required string Carrier { get; init; }
    public required string EventKey { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
