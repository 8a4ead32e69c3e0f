namespace Grocery.Inventory.Domain;

/// <summary>Stock held for one order in one warehouse; the order id is its identity, so a repeat returns the first result.</summary>
public sealed class Reservation
{
    public Guid OrderId { get; set; }
    public Guid WarehouseId { get; set; }
    public Guid? UserId { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>JSON array of lines that could not be reserved when the reservation failed.</summary>
    public string? Shortfalls { get; set; }
    public List<ReservationLine> Lines { get; set; } = [];
}
