namespace Grocery.Web.Services;

/// <summary>One in-house drop-off of a driver's day; <see cref="DropOff"/> is null when Ordering could not give the address just now.</summary>
public sealed record DriverShipment(
    Guid OrderId, Guid ShipmentId, Guid ZoneId, string Status, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, decimal AmountToCollect,
    DriverDropOff? DropOff);

public sealed record DriverDropOff(string RecipientName, string Phone, string Address, string? District, string? Postcode, double? Latitude, double? Longitude);
