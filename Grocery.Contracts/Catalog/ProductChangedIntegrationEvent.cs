namespace Grocery.Contracts.Catalog;

/// <summary>A product's descriptive data changed (name, category, unit); prices travel in ProductPriceChanged.</summary>
public sealed record ProductChangedIntegrationEvent(
    Guid ProductId,
    string Sku,
    string Name,
    Guid CategoryId,
    int VatRatePercent,
    bool SoldByWeight,
    string Unit,
    DateTimeOffset ChangedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => ProductId.ToString();
}
