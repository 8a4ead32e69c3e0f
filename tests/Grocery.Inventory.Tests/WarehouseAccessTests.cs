using System.Text.Json;
using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

/// <summary>Staff work only in the warehouse they are assigned to (the warehouse claim); admins and services anywhere.</summary>
public sealed class WarehouseAccessTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task A_store_manager_of_another_warehouse_cannot_receive_adjust_write_off_or_read_the_ledger_and_nothing_changes()
    {
        var (warehouse, elsewhere) = (await NewWarehouseAsync(), await NewWarehouseAsync());
        var sku = NewSku("ACL");
        await ReceiveAsync(warehouse, sku, 10);
        var foreign = Manager(elsewhere);
        var unassigned = Manager();

        var responses = new[]
        {
            await foreign.PostAsJsonAsync("/api/v1/stock/receipts", new ReceiptRequest(warehouse, "PO-9", [new ReceiptLineRequest(sku, 5, null, null, null)]), Ct),
            await foreign.PostAsJsonAsync("/api/v1/stock/adjustments", new AdjustmentRequest(warehouse, "count", [new AdjustmentLineRequest(sku, -1, null, null)]), Ct),
            await foreign.PostAsJsonAsync("/api/v1/stock/write-offs", new WriteOffRequest(warehouse, "damaged", [new WriteOffLineRequest(sku, 1, null, null)]), Ct),
            await unassigned.PostAsJsonAsync("/api/v1/stock/receipts", new ReceiptRequest(warehouse, "PO-9", [new ReceiptLineRequest(sku, 5, null, null, null)]), Ct),
            await foreign.GetAsync($"/api/v1/stock/{sku}/movements?warehouseId={warehouse}", Ct),
            await unassigned.GetAsync($"/api/v1/stock/{sku}/movements", Ct),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var stock = await StockAsync(warehouse, sku);
        Assert.Equal(10, stock.OnHand);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock_movements WHERE sku = @sku", ("sku", sku)));
    }

    [Fact]
    public async Task A_store_manager_reads_the_ledger_of_their_own_warehouse_by_default()
    {
        var (warehouse, elsewhere) = (await NewWarehouseAsync(), await NewWarehouseAsync());
        var sku = NewSku("LED");
        await ReceiveAsync(warehouse, sku, 4);
        await ReceiveAsync(elsewhere, sku, 6);

        var own = await Manager(warehouse).GetFromJsonAsync<List<JsonElement>>($"/api/v1/stock/{sku}/movements", Ct);
        var receipt = await Manager(warehouse).PostAsJsonAsync("/api/v1/stock/receipts", new ReceiptRequest(warehouse, "PO-1", [new ReceiptLineRequest(sku, 1, null, null, null)]), Ct);

        var movement = Assert.Single(own!);
        Assert.Equal(warehouse, movement.GetProperty("warehouseId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal(5, (await StockAsync(warehouse, sku)).OnHand);
    }

    [Fact]
    public async Task Staff_of_another_warehouse_cannot_confirm_or_release_a_reservation_while_staff_of_its_own_can()
    {
        var (warehouse, elsewhere) = (await NewWarehouseAsync(), await NewWarehouseAsync());
        var sku = NewSku("RSV");
        await ReceiveAsync(warehouse, sku, 10);
        var order = Guid.NewGuid();
        await ReserveAsync(warehouse, order, new StockLine(sku, 3));
        var slotEnd = App.Time.GetUtcNow().AddHours(4);

        var foreignConfirm = await Picker(elsewhere).PostAsJsonAsync($"/api/v1/reservations/{order}/confirm", new ConfirmReservationRequest(slotEnd), Ct);
        var foreignRelease = await Manager(elsewhere).PostAsJsonAsync($"/api/v1/reservations/{order}/release", new ReleaseReservationRequest("no"), Ct);
        var foreignReserve = await Picker(elsewhere).PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 1)]), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, foreignConfirm.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignRelease.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignReserve.StatusCode);
        Assert.Equal("application/problem+json", foreignRelease.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, (await StockAsync(warehouse, sku)).Reserved);

        var confirm = await Picker(warehouse).PostAsJsonAsync($"/api/v1/reservations/{order}/confirm", new ConfirmReservationRequest(slotEnd), Ct);
        var release = await Manager(warehouse).PostAsJsonAsync($"/api/v1/reservations/{order}/release", new ReleaseReservationRequest("customer called"), Ct);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal(0, (await StockAsync(warehouse, sku)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }
}
