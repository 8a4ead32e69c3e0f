using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

/// <summary>StockLevelChanged is coalesced: reservations flag the stock row, a publisher round emits the level as it is then.</summary>
public sealed class StockLevelPublisherTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task A_sku_crossing_two_thresholds_between_rounds_yields_one_event_with_its_current_level()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("TWO");
        await ReceiveAsync(warehouse, sku, 10, low: 5);
        await PublishStockLevelsAsync();

        await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(sku, 6));
        await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(sku, 4));
        await PublishStockLevelsAsync();
        await PublishStockLevelsAsync();

        Assert.Equal([("In", 10m), ("Out", 0m)], await LevelEventsAsync(sku));
        Assert.False((await StockAsync(warehouse, sku)).LevelChanged);
    }

    [Fact]
    public async Task Reservations_that_cross_no_threshold_publish_nothing()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("NOX");
        await ReceiveAsync(warehouse, sku, 50, low: 5);
        await PublishStockLevelsAsync();

        for (var i = 0; i < 5; i++) await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(sku, 2));
        await PublishStockLevelsAsync();

        Assert.Equal([("In", 50m)], await LevelEventsAsync(sku));
    }

    [Fact]
    public async Task After_parallel_reservations_and_concurrent_rounds_the_last_event_carries_the_final_level()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("CNV");
        await ReceiveAsync(warehouse, sku, 60, low: 20);
        await PublishStockLevelsAsync();
        var client = Service();
        using var rounds = new CancellationTokenSource();

        var publishing = Task.Run(async () =>
        {
            while (!rounds.IsCancellationRequested) await PublishStockLevelsAsync();
        }, Ct);
        var responses = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => client.PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 1)]), Ct)));
        await rounds.CancelAsync();
        await publishing;
        await PublishStockLevelsAsync();

        Assert.Equal(60, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var events = await LevelEventsAsync(sku);
        Assert.Equal(("Out", 0m), events[^1]);
        // In → Low → Out: each round publishes a SKU at most once, so never more events than crossings.
        Assert.InRange(events.Count, 2, 3);
        Assert.False((await StockAsync(warehouse, sku)).LevelChanged);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task A_created_reservation_answers_exactly_what_a_later_read_returns()
    {
        var warehouse = await NewWarehouseAsync();
        var (apples, bread) = (NewSku("APL"), NewSku("BRD"));
        await ReceiveAsync(warehouse, apples, 10);
        await ReceiveAsync(warehouse, bread, 10);
        var client = Service();
        var orderId = Guid.NewGuid();

        var created = await client.PostAsJsonAsync("/api/v1/reservations", new CreateReservationRequest(orderId, warehouse, Guid.NewGuid(),
            [new ReservationLineRequest(bread, 1), new ReservationLineRequest(apples, 1.5m), new ReservationLineRequest(bread, 2)]), Ct);
        var read = await client.GetAsync($"/api/v1/reservations/{orderId}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var answered = await created.Content.ReadFromJsonAsync<ReservationView>(Ct);
        var stored = await read.Content.ReadFromJsonAsync<ReservationView>(Ct);
        Assert.NotNull(answered);
        Assert.NotNull(stored);
        Assert.Equal((stored.OrderId, stored.WarehouseId, stored.UserId, stored.Status, stored.ExpiresAt, stored.CreatedAt),
            (answered.OrderId, answered.WarehouseId, answered.UserId, answered.Status, answered.ExpiresAt, answered.CreatedAt));
        Assert.Equal(stored.Lines, answered.Lines);
        Assert.Equal([new ReservationLineView(apples, 1.5m, 1.5m, null), new ReservationLineView(bread, 3, 3, null)], answered.Lines);
    }

    private async Task<List<(string?, decimal)>> LevelEventsAsync(string sku) =>
        [.. (await OutboxEventsAsync(sku)).Where(e => e.Type == "grocery.inventory.StockLevelChanged")
            .Select(e => (e.Data.GetProperty("state").GetString(), e.Data.GetProperty("available").GetDecimal()))];
}
