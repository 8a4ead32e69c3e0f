using Grocery.Contracts.Delivery;

namespace Grocery.Ordering.Domain;

/// <summary>
/// The bounds of everything Ordering stores or publishes. The model configuration sizes its columns
/// from these and request validation checks against them, so a value that passes validation fits.
/// </summary>
/// <remarks>
/// Worst case of an OrderPlaced event, which carries per line a product id (38 bytes quoted), a SKU
/// and a substitute SKU (32 characters each, at most 6 bytes per character when JSON-escaped: 194
/// bytes each quoted), a quantity (≤ 99 or ≤ 50.0), two amounts (≤ 18 digits each), a flag and a
/// substitution preference, plus about 130 bytes of property names: under 650 bytes a line. With
/// <see cref="MaxBasketLines"/> lines that is 65 KB, and the envelope and order fields add under
/// 2 KB, far below Kafka's default 1 MB message limit. Notes and names are not in the event.
/// </remarks>
public static class OrderingLimits
{
    public const int UserIdMaxLength = 128;

    public const int IdempotencyKeyMaxLength = 128;

    public const int RequestHashLength = 64;

    public const int PostcodeMaxLength = AddressLimits.PostcodeMaxLength;

    public const int DistrictMaxLength = AddressLimits.DistrictMaxLength;

    /// <summary>The drop-off address: Identity's limits for saved addresses, so a saved one always fits.</summary>
    public const int RecipientNameMaxLength = 100;

    /// <summary>E.164: a plus and at most 15 digits.</summary>
    public const int PhoneMaxLength = 16;

    public const int StreetMaxLength = 200;

    /// <summary>Street, ward and city of a saved address joined into one line.</summary>
    public const int DropOffLineMaxLength = 420;

    public const int PaymentReferenceMaxLength = 128;

    public const int CancellationMessageMaxLength = 1000;

    /// <summary>Enums are stored by name; the longest name is far shorter.</summary>
    public const int StatusMaxLength = 32;

    public const int StepStatusMaxLength = 16;

    /// <summary>Whole đồng in numeric(18,0).</summary>
    public const int MoneyPrecision = 18;

    public const decimal MaxAmount = 999_999_999_999_999_999m;

    /// <summary>Catalog's SKU column; a substitute SKU names a Catalog product.</summary>
    public const int SkuMaxLength = 32;

    public const int NoteMaxLength = 500;

    /// <summary>Catalog prices at most 100 products per batch call.</summary>
    public const int MaxBasketLines = 100;

    public const int MaxOrdersPage = 100;

    public const int CarrierMaxLength = 64;

    public const int TrackingNumberMaxLength = 128;

    public const int MaxPickingQueuePage = 200;

    public const int MaxPackages = 99;
}
