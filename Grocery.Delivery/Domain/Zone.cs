namespace Grocery.Delivery.Domain;

/// <summary>A delivery zone: the districts and postcodes one warehouse serves, with its basket and fee rules.</summary>
public sealed class Zone
{
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    public Guid Id { get; init; }
    public required string Name { get; set; }
    public Guid WarehouseId { get; set; }
    public string TimeZoneId { get; set; } = DefaultTimeZone;
    public decimal MinimumBasketValue { get; set; }
    public decimal StandardFee { get; set; }
    public decimal PeakFee { get; set; }
    /// <summary>Baskets at or above this value are delivered free; null means never.</summary>
    public decimal? FreeDeliveryThreshold { get; set; }
    public required string Carrier { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<ZoneArea> Areas { get; init; } = [];
    public List<SlotTemplate> Templates { get; init; } = [];

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public decimal FeeFor(SlotTemplate template) => template.Fee ?? (template.IsPeak ? PeakFee : StandardFee);

    public decimal DeliveryFee(decimal slotFee, decimal basketValue) =>
        FreeDeliveryThreshold is { } threshold && basketValue >= threshold ? 0m : slotFee;

    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
