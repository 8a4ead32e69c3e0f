namespace Grocery.Inventory.Domain;

public sealed class ReservationLine
{
    public Guid OrderId { get; set; }
    public required string Sku { get; set; }
    /// <summary>What the order asked for.</summary>
    public decimal Quantity { get; set; }
    /// <summary>What is still held: the quantity while active, less any shortfall, 0 once released or picked.</summary>
    public decimal Reserved { get; set; }
    public decimal? Picked { get; set; }
    /// <summary>The SKU this line stands in for when a picker reserved it as a substitute.</summary>
    public string? SubstituteFor { get; set; }
}
