using System.Globalization;

namespace Grocery.Inventory.Domain;

/// <summary>
/// What the inventory tables can hold. The model configuration builds its columns from these and
/// request validation refuses anything beyond them, so a value that passes validation fits.
/// </summary>
public static class InventoryLimits
{
    public const int SkuLength = 64;
    public const int LotCodeLength = 64;
    public const int ReasonLength = 500;
    public const int ActorLength = 128;
    public const int WarehouseCodeLength = 32;
    public const int WarehouseNameLength = 200;
    public const int TimeZoneLength = 64;
    public const int IdempotencyKeyLength = 128;
    public const int IdempotencyOperationLength = 32;
    public const int StatusLength = 16;
    public const int MovementKindLength = 16;
    public const int StorageLength = 16;
    public const int ReturnSourceLength = 16;

    /// <summary>A receipt's reference is stored in the movement reason after this prefix.</summary>
    public const string ReceiptReasonPrefix = "receipt ";

    public const int ReceiptReferenceLength = 200;

    /// <summary>Quantities (units, or kg to the gram) and thresholds: numeric(12,3).</summary>
    public const int QuantityPrecision = 12;
    public const int QuantityScale = 3;

    public static readonly string QuantityColumnType = string.Create(CultureInfo.InvariantCulture, $"numeric({QuantityPrecision},{QuantityScale})");

    /// <summary>The largest value a quantity column holds (999,999,999.999): also the cap on a SKU's on hand.</summary>
    public static readonly decimal MaxStoredQuantity = Pow10(QuantityPrecision - QuantityScale) - 1 / Pow10(QuantityScale);

    /// <summary>One line of one request moves at most this much.</summary>
    public const decimal MaxLineQuantity = 1_000_000m;

    public const int MaxLines = 200;

    /// <summary>How far ahead the expiring-soon list looks at most: past that a lot is not "soon".</summary>
    public const int MaxExpiringDays = 60;

    /// <summary>A slot window ends at most this far from now: the hold's expiry is derived from it.</summary>
    public static readonly TimeSpan MaxSlotWindowDistance = TimeSpan.FromDays(366);

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++) value *= 10;
        return value;
    }
}
