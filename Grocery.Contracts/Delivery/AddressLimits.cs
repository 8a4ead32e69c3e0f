namespace Grocery.Contracts.Delivery;

/// <summary>
/// Address values that cross services: Delivery refuses a zone area longer than these and Ordering
/// stores what Delivery matched, so a zone that accepts an area can always be checked out in.
/// Vietnamese postcodes are 5–6 digits; 16 leaves room for foreign formats.
/// </summary>
public static class AddressLimits
{
    public const int PostcodeMaxLength = 16;

    public const int DistrictMaxLength = 128;
}
