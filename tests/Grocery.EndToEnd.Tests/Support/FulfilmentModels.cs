namespace Grocery.EndToEnd.Tests.Support;

// The parts of the picking, packing and driver answers these tests read.

public sealed record PickListView(Guid OrderId, Guid WarehouseId, string Status, IReadOnlyList<PickListStorageView> Storage, bool ReadyToPack)
{
    public IEnumerable<PickListLineView> Lines => Storage.SelectMany(s => s.Aisles).SelectMany(a => a.Lines);

    public PickListLineView Line(string sku) => Lines.Single(l => l.Sku == sku);
}

public sealed record PickListStorageView(string Storage, IReadOnlyList<PickListAisleView> Aisles);

public sealed record PickListAisleView(string Aisle, IReadOnlyList<PickListLineView> Lines);

public sealed record PickListLineView(int LineNo, string Sku, string? Gtin, decimal Quantity, bool SoldByWeight, decimal? MinWeightKg, decimal? MaxWeightKg, string State);

public sealed record SubstitutesView(int LineNo, IReadOnlyList<SubstituteView> Candidates);

public sealed record SubstituteView(string Sku, decimal Price, decimal ChargedUnitPrice, decimal Available);

public sealed record VatLineView(int Rate, decimal Gross, decimal Vat);

public sealed record PackView(Guid OrderId, string Status, decimal FinalSubtotal, IReadOnlyList<VatLineView> Vat, decimal DeliveryFee, decimal FinalTotal,
    int PackageCount, decimal? AmountToCollect);

public sealed record DriverShipmentView(Guid OrderId, Guid ShipmentId, string Status, decimal AmountToCollect, DriverDropOffView? DropOff);

public sealed record DriverDropOffView(string RecipientName, string Phone, string Address, string? Postcode);

public sealed record MovementView(string Sku, string Kind, decimal OnHandDelta, decimal ReservedDelta, Guid? OrderId);
