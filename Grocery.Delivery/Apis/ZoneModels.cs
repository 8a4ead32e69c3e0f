using Grocery.Delivery.Domain;

namespace Grocery.Delivery.Apis;

public sealed record SlotTemplateRequest(
    DayOfWeek DayOfWeek,
    TimeOnly StartTime,
    TimeOnly EndTime,
    int Capacity,
    bool IsPeak,
    decimal? Fee,
    int CutoffMinutes);

public sealed record CreateZoneRequest(
    string Name,
    Guid WarehouseId,
    string? TimeZone,
    decimal MinimumBasketValue,
    decimal StandardFee,
    decimal PeakFee,
    decimal? FreeDeliveryThreshold,
    string? Carrier,
    IReadOnlyList<string>? Postcodes,
    IReadOnlyList<string>? Districts,
    IReadOnlyList<SlotTemplateRequest>? Templates);

public sealed record SlotTemplateResponse(Guid Id, DayOfWeek DayOfWeek, TimeOnly StartTime, TimeOnly EndTime, int Capacity, bool IsPeak, decimal? Fee, int CutoffMinutes)
{
    public static SlotTemplateResponse From(SlotTemplate t) => new(t.Id, t.DayOfWeek, t.StartTime, t.EndTime, t.Capacity, t.IsPeak, t.Fee, t.CutoffMinutes);
}

public sealed record ZoneResponse(
    Guid Id,
    string Name,
    Guid WarehouseId,
    string TimeZone,
    decimal MinimumBasketValue,
    decimal StandardFee,
    decimal PeakFee,
    decimal? FreeDeliveryThreshold,
    string Carrier,
    IReadOnlyList<string> Postcodes,
    IReadOnlyList<string> Districts,
    IReadOnlyList<SlotTemplateResponse> Templates)
{
    public static ZoneResponse From(Zone zone) => new(zone.Id, zone.Name, zone.WarehouseId, zone.TimeZoneId, zone.MinimumBasketValue,
        zone.StandardFee, zone.PeakFee, zone.FreeDeliveryThreshold, zone.Carrier,
        zone.Areas.Where(a => a.Kind == AreaKind.Postcode).Select(a => a.Name).Order().ToList(),
        zone.Areas.Where(a => a.Kind == AreaKind.District).Select(a => a.Name).Order().ToList(),
        zone.Templates.OrderBy(t => t.DayOfWeek).ThenBy(t => t.StartTime).Select(SlotTemplateResponse.From).ToList());
}

/// <summary>DeliveryFee is what a standard slot costs for the basket value asked about (the only place the free-delivery rule is applied).</summary>
public sealed record ZoneLookupResponse(
    Guid ZoneId,
    string Name,
    Guid WarehouseId,
    string TimeZone,
    decimal MinimumBasketValue,
    decimal StandardFee,
    decimal PeakFee,
    decimal? FreeDeliveryThreshold,
    decimal DeliveryFee);
