namespace Grocery.Contracts.Catalog;

/// <summary>A product's shelf price (VND, VAT included) changed.</summary>
public sealed record ProductPriceChangedIntegrationEvent(
    Guid ProductId,
    string Sku,
    decimal OldPrice,
    decimal NewPrice,
    DateTimeOffset EffectiveFrom) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => ProductId.ToString();
}
