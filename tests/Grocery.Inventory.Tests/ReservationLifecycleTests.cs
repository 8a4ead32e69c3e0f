using System.Text.Json;
using Grocery.Inventory.Apis;
using Grocery.Inventory.Background;

namespace Grocery.Inventory.Tests;

public sealed class ReservationLifecycleTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Reserving_more_than_available_fails_names_the_short_line_and_reserves_nothing()
    {
        var warehouse = await NewWarehouseAsync();
        var (plenty, scarce) = (NewSku(), NewSku());
        await ReceiveAsync(warehouse, plenty, 10);
        await ReceiveAsync(warehouse, scarce, 2);

        var reservation = await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(plenty, 5), new StockLine(scarce, 3));

        Assert.Equal("failed", reservation.Status);
        var shortfall = Assert.Single(reservation.Shortfalls);
        Assert.Equal((scarce, 3m, 2m), (shortfall.Sku, shortfall.Requested, shortfall.Available));
        Assert.Equal(0, (await StockAsync(warehouse, plenty)).Reserved);
        Assert.Equal(0, (await StockAsync(warehouse, scarce)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Repeating_a_reservation_returns_the_first_result_and_reserves_once()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku();
        await ReceiveAsync(warehouse, sku, 10);
        var orderId = Guid.NewGuid();
        var client = Service();
        var request = new CreateReservationRequest(null, warehouse, null, [new ReservationLineRequest(sku, 4)]);

        var first = await PostWithKeyAsync(client, request, orderId);
        var repeat = await PostWithKeyAsync(client, request with { Lines = [new ReservationLineRequest(sku, 9)] }, orderId);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var body = await repeat.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(4, body.GetProperty("lines")[0].GetProperty("reserved").GetDecimal());
        Assert.Equal(4, (await StockAsync(warehouse, sku)).Reserved);

        var failedOrder = Guid.NewGuid();
        var failed = await PostWithKeyAsync(client, request with { Lines = [new ReservationLineRequest(sku, 7)] }, failedOrder);
        await ReceiveAsync(warehouse, sku, 100);
        var failedRepeat = await PostWithKeyAsync(client, request with { Lines = [new ReservationLineRequest(sku, 7)] }, failedOrder);
        Assert.Equal(HttpStatusCode.Conflict, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, failedRepeat.StatusCode);
        Assert.Equal(4, (await StockAsync(warehouse, sku)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task A_pending_reservation_expires_and_the_sweeper_releases_its_stock()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku();
        await ReceiveAsync(warehouse, sku, 5);
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(sku, 5));
        Assert.Equal(0, (await StockAsync(warehouse, sku)).Available);

        App.Time.Advance(TimeSpan.FromMinutes(16));

        await Eventually.TrueAsync(async () => (await StockAsync(warehouse, sku)).Available == 5, "the sweeper released the expired hold");
        var reservation = await WithScopeAsync(sp => ReservationQueries.FindAsync(sp.GetRequiredService<InventoryDbContext>(), orderId, Ct));
        Assert.Equal("expired", reservation!.Status);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task A_confirmed_reservation_survives_past_the_pending_expiry_until_slot_end_plus_grace()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku();
        await ReceiveAsync(warehouse, sku, 5);
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(sku, 3));
        var slotEnd = App.Time.GetUtcNow().AddHours(6);
        var confirm = await Service().PostAsJsonAsync($"/api/v1/reservations/{orderId}/confirm", new ConfirmReservationRequest(slotEnd), Ct);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);

        App.Time.Advance(TimeSpan.FromMinutes(30));
        await WithScopeAsync(sp => sp.GetRequiredService<ReservationExpirySweeper>().SweepAsync(Ct));

        Assert.Equal(3, (await StockAsync(warehouse, sku)).Reserved);

        App.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        // The hosted sweeper may hold the row (SKIP LOCKED) at this moment; sweep until it is released.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        decimal reserved;
        do
        {
            await WithScopeAsync(sp => sp.GetRequiredService<ReservationExpirySweeper>().SweepAsync(Ct));
            reserved = (await StockAsync(warehouse, sku)).Reserved;
            if (reserved == 0) break;
            await Task.Delay(200, Ct);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(0, reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Confirming_after_the_pending_hold_expired_is_refused_and_releases_the_stock()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku();
        await ReceiveAsync(warehouse, sku, 5);
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(sku, 2));
        App.Time.Advance(TimeSpan.FromMinutes(20));

        var confirm = await Service().PostAsJsonAsync($"/api/v1/reservations/{orderId}/confirm",
            new ConfirmReservationRequest(App.Time.GetUtcNow().AddHours(2)), Ct);

        Assert.Equal(HttpStatusCode.Conflict, confirm.StatusCode);
        Assert.Equal(0, (await StockAsync(warehouse, sku)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Weighed_quantities_reserve_and_pick_by_the_actual_weight()
    {
        var warehouse = await NewWarehouseAsync();
        var salmon = NewSku("KG");
        await ReceiveAsync(warehouse, salmon, 2.5m);
        var orderId = Guid.NewGuid();

        var reservation = await ReserveAsync(warehouse, orderId, new StockLine(salmon, 1.234m));
        var tooMuch = await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(salmon, 1.267m));
        await WithStockAsync(s => s.ConsumeAsync(orderId, [new PickedStock(salmon, 1.301m, "chilled")], "picker", Ct));

        Assert.Equal("pending", reservation.Status);
        Assert.Equal("failed", tooMuch.Status);
        Assert.Equal(1.266m, Assert.Single(tooMuch.Shortfalls).Available);
        var stock = await StockAsync(warehouse, salmon);
        Assert.Equal(1.199m, stock.OnHand);
        Assert.Equal(0, stock.Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Picking_takes_the_lot_with_the_earliest_best_before_first()
    {
        var warehouse = await NewWarehouseAsync();
        var milk = NewSku("MILK");
        var today = DateOnly.FromDateTime(App.Time.GetUtcNow().UtcDateTime);
        var late = (await ReceiveAsync(warehouse, milk, 10, today.AddDays(9))).Lots.Single().LotId;
        var early = (await ReceiveAsync(warehouse, milk, 4, today.AddDays(3))).Lots.Single().LotId;
        var middle = (await ReceiveAsync(warehouse, milk, 5, today.AddDays(5))).Lots.Single().LotId;
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(milk, 6));

        await WithStockAsync(s => s.ConsumeAsync(orderId, [new PickedStock(milk, 6, "chilled")], "picker", Ct));

        var lots = await WithScopeAsync(sp => sp.GetRequiredService<InventoryDbContext>().Lots.AsNoTracking()
            .Where(l => l.Sku == milk).ToDictionaryAsync(l => l.Id, l => l.Quantity, Ct));
        Assert.Equal(0, lots[early]);
        Assert.Equal(3, lots[middle]);
        Assert.Equal(10, lots[late]);
        await AssertLedgerBalancesAsync(warehouse);
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, CreateReservationRequest request, Guid key)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reservations") { Content = JsonContent.Create(request) };
        message.Headers.Add("Idempotency-Key", key.ToString());
        return await client.SendAsync(message, Ct);
    }
}
