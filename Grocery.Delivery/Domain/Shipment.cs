namespace Grocery.Delivery.Domain;

/// <summary>An order handed to a carrier, with its tracking timeline.</summary>
public sealed class Shipment
{
    public Guid Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid ZoneId { get; init; }
    /// <summary>The warehouse the order leaves from: its staff (drivers, store managers) are the ones who may move it.</summary>
    public Guid WarehouseId { get; init; }
    /// <summary>The order's owner (from its confirmed slot hold); null when unknown, then only staff see it.</summary>
    public string? UserId { get; set; }
    public required string Carrier { get; set; }
    public string? CarrierReference { get; set; }
    public ShipmentStatus Status { get; private set; }
    public decimal? CarrierFee { get; set; }
    public decimal AmountToCollect { get; init; }
    /// <summary>Cash the driver reported taking at the door; null until delivered, or when nothing was collected by us.</summary>
    public decimal? CashCollected { get; set; }
    public DateTimeOffset WindowStart { get; init; }
    public DateTimeOffset WindowEnd { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public List<ShipmentEvent> Events { get; init; } = [];

    /// <summary>Records a step; returns false when the step would move the shipment backwards.</summary>
    public bool Advance(ShipmentStatus status, DateTimeOffset at, string description, string source)
    {
        if (status == Status || IsTerminal(Status) || Rank(status) < Rank(Status)) return false;
        Status = status;
        UpdatedAt = at;
        Events.Add(new ShipmentEvent
        {
            Id = Guid.CreateVersion7(),
            ShipmentId = Id,
            Status = status,
            OccurredAt = at,
            Description = description,
            Source = source,
        });
        return true;
    }

    public static bool IsTerminal(ShipmentStatus status) =>
        status is ShipmentStatus.Delivered or ShipmentStatus.Failed or ShipmentStatus.Cancelled;

    private static int Rank(ShipmentStatus status) => status switch
    {
        ShipmentStatus.Pending => 0,
        ShipmentStatus.Booked => 1,
        ShipmentStatus.Dispatched => 2,
        _ => 3,
    };
}
