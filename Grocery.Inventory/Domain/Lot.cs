namespace Grocery.Inventory.Domain;

/// <summary>A received batch of a SKU; perishables carry a best-before date and leave first-expiry-first-out.</summary>
public sealed class Lot
{
    public Guid Id { get; set; }
    public Guid WarehouseId { get; set; }
    public required string Sku { get; set; }
    public string? LotCode { get; set; }
    public DateOnly? BestBefore { get; set; }
    public decimal ReceivedQuantity { get; set; }
    /// <summary>What is left of the lot on hand.</summary>
    public decimal Quantity { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
