using Grocery.Inventory.Apis;
using Grocery.Inventory.Background;
using Grocery.Inventory.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.Inventory.Tests;

/// <summary>
/// StockLevelChanged is coalesced: every change marks the stock row changed and counts up its version, a
/// publisher round emits the level and version as they are then.
/// </summary>
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

        Assert.Equal([("In", 10m), ("Out", 0m)], Levels(await LevelEventsAsync(sku)));
        Assert.False(await ChangePendingAsync(warehouse, sku));
    }

    [Fact]
    public async Task A_reservation_that_leaves_the_item_in_stock_publishes_its_new_available_figure_with_a_higher_version()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("INS");
        await ReceiveAsync(warehouse, sku, 50, low: 5);
        await PublishStockLevelsAsync();

        await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(sku, 2));
        var published = await PublishStockLevelsAsync();

        var events = await LevelEventsAsync(sku);
        Assert.Equal(1, published);
        Assert.Equal([("In", 50m), ("In", 48m)], Levels(events));
        Assert.True(events[1].Version > events[0].Version);
        Assert.Equal((await StockAsync(warehouse, sku)).Version, events[1].Version);
    }

    [Fact]
    public async Task A_burst_of_reservations_within_one_round_yields_one_event_with_the_latest_level()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("BRS");
        await ReceiveAsync(warehouse, sku, 50, low: 5);
        await PublishStockLevelsAsync();

        for (var i = 0; i < 5; i++) await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(sku, 2));
        var published = await PublishStockLevelsAsync();
        var nothingLeft = await PublishStockLevelsAsync();

        var events = await LevelEventsAsync(sku);
        Assert.Equal((1, 0), (published, nothingLeft));
        Assert.Equal([("In", 50m), ("In", 40m)], Levels(events));
        // Each reservation counted once.
        Assert.Equal(events[0].Version + 5, events[1].Version);
    }

    [Fact]
    public async Task A_round_publishes_each_row_once_even_when_it_changes_again_while_the_round_runs()
    {
        var warehouse = await NewWarehouseAsync();
        string[] skus = [NewSku("RWA"), NewSku("RWB"), NewSku("RWC")];
        foreach (var sku in skus) await ReceiveAsync(warehouse, sku, 1_000);
        await PublishStockLevelsAsync();
        // One row per batch, so a round takes several transactions and reservations land between them.
        var publisher = new StockLevelPublisher(App.Services.GetRequiredService<IServiceScopeFactory>(), App.Time,
            Options.Create(new InventoryOptions { StockLevelBatchSize = 1 }), NullLogger<StockLevelPublisher>.Instance);
        using var stop = new CancellationTokenSource();

        var reserving = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++) await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(skus[i % skus.Length], 1));
        }, Ct);
        for (var round = 0; round < 20; round++)
        {
            // A round's events carry its clock time, which tells the rounds apart.
            App.Time.Advance(TimeSpan.FromSeconds(1));
            await publisher.PublishAsync(Ct);
        }
        await stop.CancelAsync();
        await reserving;
        App.Time.Advance(TimeSpan.FromSeconds(1));
        await PublishStockLevelsAsync();

        foreach (var sku in skus)
        {
            var events = await LevelEventsAsync(sku);
            Assert.All(events.GroupBy(e => e.ChangedAt), round => Assert.Single(round));
            Assert.Equal(events.Select(e => e.Version).Distinct().Order(), events.Select(e => e.Version));
            var stock = await StockAsync(warehouse, sku);
            Assert.Equal((stock.Available, stock.Version), (events[^1].Available, events[^1].Version));
        }
        await AssertLedgerBalancesAsync(warehouse);
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
        Assert.Equal(("Out", 0m), Levels(events)[^1]);
        // Rounds publish a row at most once and in the order its changes were made: never more events than
        // changes (the receipt and 60 reservations), and versions only grow.
        Assert.InRange(events.Count, 2, 61);
        Assert.Equal(events.Select(e => e.Version).Distinct().Order(), events.Select(e => e.Version));
        Assert.Equal((await StockAsync(warehouse, sku)).Version, events[^1].Version);
        Assert.False(await ChangePendingAsync(warehouse, sku));
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task A_change_starts_the_next_round_at_once_after_a_quiet_interval_but_never_within_an_interval_of_the_last_round()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var publisher = new StockLevelPublisher(App.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            Options.Create(new InventoryOptions { StockLevelPublishInterval = TimeSpan.FromSeconds(1) }), NullLogger<StockLevelPublisher>.Instance);
        // The fake clock never moves by itself, so what finishes below finished without waiting for time.
        var wait = TimeSpan.FromSeconds(30);

        var quiet = publisher.WaitForNextRoundAsync(clock.GetUtcNow() - TimeSpan.FromSeconds(1), Ct);
        Assert.False(quiet.IsCompleted);
        publisher.StockChanged();
        await quiet.WaitAsync(wait, Ct);

        var busy = publisher.WaitForNextRoundAsync(clock.GetUtcNow() - TimeSpan.FromMilliseconds(400), Ct);
        publisher.StockChanged();
        clock.Advance(TimeSpan.FromMilliseconds(599));
        Assert.False(busy.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await busy.WaitAsync(wait, Ct);

        // Without a change (or with changes of other replicas) the round after an interval looks anyway.
        var idle = publisher.WaitForNextRoundAsync(clock.GetUtcNow(), Ct);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(idle.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await idle.WaitAsync(wait, Ct);
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

    private Task<bool> ChangePendingAsync(Guid warehouse, string sku) =>
        WithScopeAsync(sp => sp.GetRequiredService<InventoryDbContext>().Set<StockChange>().AnyAsync(c => c.WarehouseId == warehouse && c.Sku == sku, Ct));

    private async Task<List<(string? State, decimal Available, long Version, DateTimeOffset ChangedAt)>> LevelEventsAsync(string sku) =>
        [.. (await OutboxEventsAsync(sku)).Where(e => e.Type == "grocery.inventory.StockLevelChanged")
            .Select(e => (e.Data.GetProperty("state").GetString(), e.Data.GetProperty("available").GetDecimal(),
                e.Data.GetProperty("version").GetInt64(), e.Data.GetProperty("changedAt").GetDateTimeOffset()))];

    private static List<(string?, decimal)> Levels(IEnumerable<(string? State, decimal Available, long Version, DateTimeOffset ChangedAt)> events) =>
        [.. events.Select(e => (e.State, e.Available))];
}
