namespace Grocery.Delivery.Shipping;

/// <summary>"Delivery:Warehouses:{warehouseId}": where carriers collect an order.</summary>
public sealed class WarehousePickupOptions
{
    public Dictionary<Guid, WarehousePickup> Warehouses { get; set; } = [];
}

public sealed class WarehousePickup
{
    public string Name { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Address { get; set; } = "";
    public string? District { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}
