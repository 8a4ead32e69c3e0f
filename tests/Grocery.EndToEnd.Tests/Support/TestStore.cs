namespace Grocery.EndToEnd.Tests.Support;

/// <summary>A warehouse of its own with stock, and a delivery zone of its own served by it, with one bookable slot picked.</summary>
public sealed record TestStore(StaffSession Staff, Guid WarehouseId, Guid ZoneId, string Postcode, SlotView Slot)
{
    public static async Task<TestStore> OpenAsync(
        GroceryAppFixture system, IReadOnlyDictionary<string, decimal> stock, int slotCapacity, CancellationToken ct, string? carrier = null)
    {
        var staff = await SystemAccounts.StaffAsync(system, ct);
        var warehouse = await staff.CreateWarehouseAsync(ct);
        // Store managers work for one warehouse; tests run one at a time, so the shared manager moves to each new store.
        await SystemAccounts.AssignAsync(system, staff, warehouse.Id, ct);
        if (stock.Count > 0) await staff.ReceiveAsync(warehouse.Id, stock, ct);
        var (zone, postcode) = await staff.CreateZoneAsync(warehouse.Id, slotCapacity, ct, carrier);
        var slot = await staff.FirstBookableSlotAsync(zone.Id, ct);
        return new TestStore(staff, warehouse.Id, zone.Id, postcode, slot);
    }

    public Task<WarehouseStockView> StockAsync(string sku, CancellationToken ct) => Staff.StockAsync(sku, WarehouseId, ct);

    public Task<SlotView> SlotNowAsync(CancellationToken ct) => Staff.SlotAsync(ZoneId, Slot.Id, ct);
}
