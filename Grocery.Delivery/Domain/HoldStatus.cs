namespace Grocery.Delivery.Domain;

public enum HoldStatus
{
    Active,
    Confirmed,
    Released,
    Expired,
    Cancelled,
}
