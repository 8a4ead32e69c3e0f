using System.Text.Json;
using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

public sealed class AccessTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Anonymous_reservations_are_refused()
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(Guid.NewGuid(), Guid.NewGuid(), null, [new ReservationLineRequest("X", 1)]), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_customer_reserves_for_themselves_and_cannot_see_or_release_another_customers_reservation()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku();
        await ReceiveAsync(warehouse, sku, 10);
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var orderId = Guid.NewGuid();

        var created = await Customer(alice).PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(orderId, warehouse, null, [new ReservationLineRequest(sku, 2)]), Ct);
        var own = await Customer(alice).GetAsync($"/api/v1/reservations/{orderId}", Ct);
        var others = await Customer(bob).GetAsync($"/api/v1/reservations/{orderId}", Ct);
        var othersRelease = await Customer(bob).PostAsJsonAsync($"/api/v1/reservations/{orderId}/release", new ReleaseReservationRequest(null), Ct);
        var othersRepeat = await Customer(bob).PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(orderId, warehouse, null, [new ReservationLineRequest(sku, 2)]), Ct);
        var customerConfirm = await Customer(alice).PostAsJsonAsync($"/api/v1/reservations/{orderId}/confirm",
            new ConfirmReservationRequest(App.Time.GetUtcNow().AddHours(3)), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(alice, (await own.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("userId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersRelease.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersRepeat.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customerConfirm.StatusCode);
        Assert.Equal(2, (await StockAsync(warehouse, sku)).Reserved);

        var released = await Customer(alice).PostAsJsonAsync($"/api/v1/reservations/{orderId}/release", new ReleaseReservationRequest("changed my mind"), Ct);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(0, (await StockAsync(warehouse, sku)).Reserved);
    }

    [Fact]
    public async Task Stock_writes_need_a_store_manager_and_reservations_are_validated_field_by_field()
    {
        var customer = Customer(Guid.NewGuid());
        var receipt = await customer.PostAsJsonAsync("/api/v1/stock/receipts",
            new ReceiptRequest(Guid.NewGuid(), null, [new ReceiptLineRequest("X", 1, null, null, null)]), Ct);
        var invalid = await customer.PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(Guid.NewGuid(), Guid.Empty, null, [new ReservationLineRequest("A", -1)]), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, receipt.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("warehouseId", out _));
        Assert.True(errors.TryGetProperty("lines[0].quantity", out _));
    }

    [Fact]
    public async Task Stock_and_availability_are_reported_per_warehouse()
    {
        var (north, south) = (await NewWarehouseAsync(lowStockThreshold: 3), await NewWarehouseAsync(lowStockThreshold: 3));
        var sku = NewSku();
        await ReceiveAsync(north, sku, 10);
        await ReceiveAsync(south, sku, 2);

        var stock = await App.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/stock/{sku}", Ct);
        var availability = await App.CreateClient().PostAsJsonAsync("/api/v1/stock/availability",
            new AvailabilityRequest(south, [new ReservationLineRequest(sku, 3), new ReservationLineRequest("UNKNOWN-SKU", 1)]), Ct);

        Assert.Equal(2, stock.GetProperty("warehouses").GetArrayLength());
        var body = await availability.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(body.GetProperty("allAvailable").GetBoolean());
        Assert.Equal("Low", body.GetProperty("lines")[0].GetProperty("state").GetString());
        Assert.Equal("Out", body.GetProperty("lines")[1].GetProperty("state").GetString());
    }
}
