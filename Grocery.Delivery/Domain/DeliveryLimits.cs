using Grocery.Contracts.Delivery;

namespace Grocery.Delivery.Domain;

/// <summary>
/// The bounds of everything Delivery stores. The model configuration sizes its columns from these and
/// request validation checks against them, so a value that passes validation fits.
/// </summary>
public static class DeliveryLimits
{
    public const int ZoneNameMaxLength = 200;

    public const int TimeZoneIdMaxLength = 64;

    public const int CarrierMaxLength = 64;

    /// <summary>Postcodes and districts share the area column; each kind has its own, shorter bound.</summary>
    public const int AreaNameMaxLength = 200;

    /// <summary>Ordering stores the postcode an order is delivered to with the same bound, so every zone can be checked out in.</summary>
    public const int PostcodeMaxLength = AddressLimits.PostcodeMaxLength;

    public const int DistrictMaxLength = AddressLimits.DistrictMaxLength;

    public const int MaxAreasPerKind = 1_000;

    /// <summary>Seven days of half-hour windows.</summary>
    public const int MaxTemplatesPerZone = 7 * 48;

    public const int MaxSlotCapacity = 10_000;

    /// <summary>Orders close at most a week before the window.</summary>
    public const int MaxCutoffMinutes = 7 * 24 * 60;

    /// <summary>Whole đồng in numeric(18,0).</summary>
    public const int MoneyPrecision = 18;

    public const decimal MaxAmount = 999_999_999_999_999_999m;

    public const int UserIdMaxLength = 128;

    public const int StatusMaxLength = 16;

    public const int CarrierReferenceMaxLength = 128;

    public const int ShipmentEventDescriptionMaxLength = 500;

    public const int ShipmentEventSourceMaxLength = 64;

    public const int WebhookEventKeyMaxLength = 256;
}
