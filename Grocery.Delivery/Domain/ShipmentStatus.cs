namespace Grocery.Delivery.Domain;

public enum ShipmentStatus
{
    Pending,
    Booked,
    Dispatched,
    Delivered,
    Failed,
    Cancelled,
}
