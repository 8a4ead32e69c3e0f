namespace Grocery.Web.Services;

/// <summary>A product as Catalog gives it to staff: active or not, with the version a price change names in If-Match.</summary>
public sealed record ManagedProduct(
    Guid Id, string Sku, string Gtin, string Slug, string Name, string NameEn, decimal Price, string SoldBy, string Unit, decimal NetContent,
    bool Perishable, bool IsActive, string Version)
{
    public bool SoldByWeight => SoldBy == "weight";
}

public sealed record ReceivedLot(int Line, string Sku, Guid LotId);

public sealed record StockLevel(Guid WarehouseId, string Sku, decimal Available, string State);

/// <summary>Inventory's answer to a receipt, adjustment or write-off: the lots made and the levels that crossed a threshold.</summary>
public sealed record StockChange(Guid WarehouseId, IReadOnlyList<ReceivedLot> Lots, IReadOnlyList<StockLevel> LevelChanges);

public sealed record LowStockItem(string Sku, decimal OnHand, decimal Reserved, decimal Available, string State, decimal LowStockThreshold);

public sealed record ExpiringLot(Guid LotId, string Sku, string? LotCode, DateOnly BestBefore, decimal Quantity, DateTimeOffset ReceivedAt);

public sealed record ExpiringLots(Guid WarehouseId, DateOnly Today, DateOnly Until, IReadOnlyList<ExpiringLot> Lots);

public sealed record ManagedSlotTemplate(Guid Id, DayOfWeek DayOfWeek, TimeOnly StartTime, TimeOnly EndTime, int Capacity, bool IsPeak, decimal? Fee, int CutoffMinutes);

public sealed record ManagedZone(
    Guid Id, string Name, Guid WarehouseId, string TimeZone, IReadOnlyList<string> Postcodes, IReadOnlyList<string> Districts,
    IReadOnlyList<ManagedSlotTemplate> Templates);

/// <summary>A slot as Delivery lists it; Local* are the zone's own clock.</summary>
public sealed record ManagedSlot(
    Guid Id, Guid ZoneId, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset LocalWindowStart, DateTimeOffset LocalWindowEnd,
    DateTimeOffset CutoffAt, int Capacity, int Remaining, decimal Fee, bool IsPeak, bool Closed, bool Available)
{
    public int Taken => Capacity - Remaining;
}

public sealed record NewSlotTemplate(DayOfWeek DayOfWeek, TimeOnly StartTime, TimeOnly EndTime, int Capacity, bool IsPeak, decimal? Fee, int CutoffMinutes);

public sealed record ImportLineError(int Line, string Field, string Message);

/// <summary>A CSV import: the counts when it went in, else the whole-file message and every line's errors (nothing was imported).</summary>
public sealed record CatalogImport(int Rows, int Created, int Updated, int Unchanged, string? Error, IReadOnlyList<ImportLineError> LineErrors)
{
    public bool Succeeded => Error is null;
}
