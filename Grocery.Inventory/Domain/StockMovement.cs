namespace Grocery.Inventory.Domain;

/// <summary>
/// One ledger entry. On hand of a SKU equals the sum of its OnHandDelta, reserved the sum of its
/// ReservedDelta; rows are only ever inserted.
/// </summary>
public sealed class StockMovement
{
    public long Id { get; set; }
    public Guid WarehouseId { get; set; }
    public required string Sku { get; set; }
    public Guid? LotId { get; set; }
    public required string Kind { get; set; }
    public decimal OnHandDelta { get; set; }
    public decimal ReservedDelta { get; set; }
    public Guid? OrderId { get; set; }
    public required string Actor { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}
