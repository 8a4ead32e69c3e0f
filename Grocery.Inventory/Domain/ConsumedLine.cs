namespace Grocery.Inventory.Domain;

/// <summary>
/// What one order took off the shelves, per SKU (the substitute's SKU when one was picked), and how it
/// is stored; returns from the door are counted against it so nothing comes back twice.
/// </summary>
public sealed class ConsumedLine
{
    public Guid OrderId { get; set; }
    public required string Sku { get; set; }
    public Guid WarehouseId { get; set; }
    public decimal Quantity { get; set; }
    /// <summary>How much of it has come back (failed delivery or refused at the door).</summary>
    public decimal Returned { get; set; }
    public required string Storage { get; set; }
    public DateTimeOffset ConsumedAt { get; set; }
}
