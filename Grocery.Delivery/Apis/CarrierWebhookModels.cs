namespace Grocery.Delivery.Apis;

public sealed record WebhookReceipt(string Outcome);
