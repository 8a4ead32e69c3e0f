namespace Grocery.Inventory.Domain;

/// <summary>
/// Goods of a consumed order that came back to the warehouse, waiting for a store manager to restock
/// or write them off. One per shipment and SKU, so a redelivered event adds nothing.
/// </summary>
public sealed class StockReturn
{
    public Guid Id { get; set; }
    public Guid WarehouseId { get; set; }
    public Guid OrderId { get; set; }
    public Guid ShipmentId { get; set; }
    public required string Sku { get; set; }
    public decimal Quantity { get; set; }
    public required string Storage { get; set; }
    /// <summary>Why it came back: <see cref="ReturnSources"/>.</summary>
    public required string Source { get; set; }
    public string? Note { get; set; }
    /// <summary><see cref="ReturnStatuses"/>.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? InspectedAt { get; set; }
    public string? InspectedBy { get; set; }
    public string? InspectionReason { get; set; }
}

public static class ReturnSources
{
    public const string DeliveryFailed = "delivery_failed";
    public const string Refused = "refused";
}

public static class ReturnStatuses
{
    public const string Pending = "pending";
    public const string Restocked = "restocked";
    public const string WrittenOff = "written_off";
}

/// <summary>How picked goods are kept, as Ordering reports it on each picked line.</summary>
public static class StorageKinds
{
    public const string Ambient = "ambient";
    public const string Chilled = "chilled";
    public const string Frozen = "frozen";

    /// <summary>An unknown word is treated as chilled: the cautious choice for food of unknown handling.</summary>
    public static string Normalize(string? storage) => storage?.Trim().ToLowerInvariant() switch
    {
        Ambient => Ambient,
        Frozen => Frozen,
        _ => Chilled,
    };

    /// <summary>Cold-chain goods that left the warehouse cannot be trusted back on the shelf by default.</summary>
    public static bool KeepsColdChain(string storage) => storage is Chilled or Frozen;

    /// <summary>When two picked lines of one SKU disagree, the colder storage wins.</summary>
    public static int Coldness(string storage) => storage switch { Frozen => 2, Chilled => 1, _ => 0 };
}
