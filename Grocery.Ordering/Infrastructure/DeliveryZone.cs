namespace Grocery.Ordering.Infrastructure;

/// <summary>Delivery's answer to "which zone serves this address": its warehouse, minimum basket and fees (VND).</summary>
public sealed record DeliveryZone(
    Guid ZoneId,
    Guid WarehouseId,
    string? Name,
    decimal MinimumBasketValue,
    decimal StandardFee,
    decimal? FreeDeliveryThreshold)
{
    public decimal FeeFor(decimal slotFee, decimal basketValue) =>
        FreeDeliveryThreshold is { } threshold && basketValue >= threshold ? 0m : slotFee;
}
