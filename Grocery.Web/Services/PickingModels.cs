namespace Grocery.Web.Services;

public sealed record PickingQueueEntry(
    Guid OrderId, string Status, DateTimeOffset SlotWindowStart, DateTimeOffset SlotWindowEnd, int Lines, bool ClaimedByMe, bool HasShortLines);

public sealed record PickingQueue(Guid WarehouseId, IReadOnlyList<PickingQueueEntry> Orders, string? NextCursor);

/// <summary>Ordering's pick list: lines by storage (ambient, chilled, frozen) and aisle; <see cref="ReadyToPack"/> once every line is resolved.</summary>
public sealed record PickList(
    Guid OrderId, Guid WarehouseId, string Status, string? PickerId, DateTimeOffset SlotWindowStart,
    IReadOnlyList<int> ShortLines, IReadOnlyList<PickListStorage> Storage, bool ReadyToPack)
{
    public IEnumerable<PickListLine> Lines => Storage.SelectMany(s => s.Aisles).SelectMany(a => a.Lines);
}

public sealed record PickListStorage(string Storage, IReadOnlyList<PickListAisle> Aisles);

public sealed record PickListAisle(string Aisle, IReadOnlyList<PickListLine> Lines);

/// <summary>State is pending, picked, short, substituted or removed; a weighed line may weigh MinWeightKg..MaxWeightKg.</summary>
public sealed record PickListLine(
    int LineNo, string Sku, string? Gtin, string Name, decimal Quantity, bool SoldByWeight, decimal? MinWeightKg, decimal? MaxWeightKg,
    decimal UnitPrice, string State, decimal? PickedQuantity, decimal? WeightKg, decimal? ShortAvailable, string Substitution,
    string? SubstituteSku, string? PickedSubstituteSku, string? PickedSubstituteName, decimal? PickedSubstituteQuantity, string? Note)
{
    /// <summary>What the scanner reads for this line: its GTIN, or its SKU when Catalog had no GTIN.</summary>
    public string ScanCode => Gtin ?? Sku;

    public bool IsPending => State == "pending";

    public bool IsShort => State == "short";
}

public sealed record Substitute(
    string Sku, string Name, decimal Price, decimal ChargedUnitPrice, bool SoldByWeight, string? Unit, decimal NetContent, decimal Available);

public sealed record Substitutes(int LineNo, string Preference, IReadOnlyList<Substitute> Candidates);

public sealed record PackResult(
    Guid OrderId, string Status, decimal FinalSubtotal, decimal DeliveryFee, decimal FinalTotal, int PackageCount, decimal? AmountToCollect);
