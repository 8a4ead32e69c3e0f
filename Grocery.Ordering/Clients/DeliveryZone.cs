namespace Grocery.Ordering.Clients;

/// <summary>
/// Delivery's answer to "which zone serves this address": its warehouse, minimum basket, and the fee
/// (VND) of a standard slot for the basket value asked about. Delivery alone applies its fee rules.
/// </summary>
public sealed record DeliveryZone(
    Guid ZoneId,
    Guid WarehouseId,
    string? Name,
    decimal MinimumBasketValue,
    decimal DeliveryFee);
