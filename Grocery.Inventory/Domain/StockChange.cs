namespace Grocery.Inventory.Domain;

/// <summary>
/// A stock row changed since the stock level publisher last published it. Written by the stock functions
/// (one mark per row, however many changes), taken and deleted by the publisher's round.
/// </summary>
public sealed class StockChange
{
    public Guid WarehouseId { get; set; }
    public required string Sku { get; set; }
}
