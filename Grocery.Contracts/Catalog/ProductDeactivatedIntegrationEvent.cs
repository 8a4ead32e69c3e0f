namespace Grocery.Contracts.Catalog;

/// <summary>A product can no longer be sold.</summary>
public sealed record ProductDeactivatedIntegrationEvent(
    Guid ProductId,
    string Sku,
    DateTimeOffset DeactivatedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => ProductId.ToString();
}
