namespace Grocery.Contracts.Catalog;

/// <summary>A product was added to the catalog.</summary>
public sealed record ProductCreatedIntegrationEvent(
    Guid ProductId,
    string Sku,
    string Name,
    Guid CategoryId,
    decimal Price,
    int VatRatePercent,
    bool SoldByWeight,
    string Unit,
    DateTimeOffset CreatedAt) : IIntegrationEvent
{
    string IIntegrationEvent.PartitionKey => ProductId.ToString();
}
