namespace Grocery.Ordering.Apis;

public sealed record PickingQueueEntry(
    Guid OrderId, OrderStatus Status, DateTimeOffset SlotWindowStart, DateTimeOffset SlotWindowEnd, int Lines, bool ClaimedByMe, bool HasShortLines);

/// <summary>NextCursor fetches the orders after this page (slot start, then order id).</summary>
public sealed record PickingQueueResponse(Guid WarehouseId, IReadOnlyList<PickingQueueEntry> Orders, string? NextCursor);

/// <summary>
/// The pick list: lines grouped by storage (ambient, chilled, frozen) and, within it, by aisle. Lines
/// already known to be short (a stock shortfall) are listed first in <see cref="ShortLines"/>.
/// </summary>
public sealed record PickListResponse(
    Guid OrderId, Guid WarehouseId, OrderStatus Status, string? PickerId, DateTimeOffset SlotWindowStart,
    IReadOnlyList<int> ShortLines, IReadOnlyList<PickListStorageGroup> Storage, bool ReadyToPack);

public sealed record PickListStorageGroup(string Storage, IReadOnlyList<PickListAisle> Aisles);

public sealed record PickListAisle(string Aisle, IReadOnlyList<PickListLine> Lines);

/// <summary>
/// One line to pick. Quantity is items, or kg for weighed lines (then MinWeightKg..MaxWeightKg is what the
/// scale may show). State is pending, picked, short, substituted or removed.
/// </summary>
public sealed record PickListLine(
    int LineNo, string Sku, string? Gtin, string Name, decimal Quantity, bool SoldByWeight, decimal? MinWeightKg, decimal? MaxWeightKg,
    decimal UnitPrice, string State, decimal? PickedQuantity, decimal? WeightKg, decimal? ShortAvailable, SubstitutionPreference Substitution,
    string? SubstituteSku, string? PickedSubstituteSku, string? PickedSubstituteName, decimal? PickedSubstituteQuantity, string? Note);

public sealed record PickLineRequest(string? Gtin, decimal? Quantity, decimal? WeightKg);

public sealed record ShortLineRequest(decimal? Available);

public sealed record SubstituteLineRequest(string? Sku, decimal? Quantity);

public sealed record RemoveLineRequest(string? Reason);

public sealed record PackRequest(int? PackageCount);

/// <summary>A substitute the picker may choose: ChargedUnitPrice is what the shopper pays (never above the original's price).</summary>
public sealed record SubstituteResponse(
    string Sku, string Name, decimal Price, decimal ChargedUnitPrice, bool SoldByWeight, string? Unit, decimal NetContent, decimal Available);

public sealed record SubstitutesResponse(int LineNo, SubstitutionPreference Preference, IReadOnlyList<SubstituteResponse> Candidates);

/// <summary>After packing: the final total and, once the payment step ran, what the carrier collects.</summary>
public sealed record PackResponse(
    Guid OrderId, OrderStatus Status, decimal FinalSubtotal, IReadOnlyList<VatResponse> Vat, decimal DeliveryFee, decimal FinalTotal,
    int PackageCount, decimal? AmountToCollect, decimal? CapturedAmount);
