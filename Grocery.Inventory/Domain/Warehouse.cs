namespace Grocery.Inventory.Domain;

/// <summary>A dark store: stock is held and picked per warehouse.</summary>
public sealed class Warehouse
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>IANA zone; best-before dates are compared with the warehouse's local date.</summary>
    public required string TimeZone { get; set; }
    /// <summary>Available at or below this is "low"; applies to SKUs received without their own threshold.</summary>
    public decimal LowStockThreshold { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
