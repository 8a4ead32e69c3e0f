namespace Grocery.Delivery.Domain;

public enum AreaKind
{
    Postcode,
    District,
}
