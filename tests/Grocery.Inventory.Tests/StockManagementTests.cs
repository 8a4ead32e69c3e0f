using System.Text.Json;
using Grocery.Inventory.Apis;
using Grocery.Inventory.Background;

namespace Grocery.Inventory.Tests;

public sealed class StockManagementTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task An_adjustment_that_would_make_on_hand_negative_is_refused_naming_the_line_and_changes_nothing()
    {
        var warehouse = await NewWarehouseAsync();
        var (a, b, c) = (NewSku(), NewSku(), NewSku());
        await ReceiveAsync(warehouse, a, 5);
        await ReceiveAsync(warehouse, b, 5);
        await ReceiveAsync(warehouse, c, 5);

        var response = await Manager(warehouse).PostAsJsonAsync("/api/v1/stock/adjustments", new AdjustmentRequest(warehouse, "stock count",
            [new AdjustmentLineRequest(a, -2, null, null), new AdjustmentLineRequest(b, 3, null, null), new AdjustmentLineRequest(c, -6, null, null)]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[2].quantity", out _), problem.ToString());
        Assert.Equal(5, (await StockAsync(warehouse, a)).OnHand);
        Assert.Equal(5, (await StockAsync(warehouse, b)).OnHand);
        Assert.Equal(5, (await StockAsync(warehouse, c)).OnHand);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Receipts_and_adjustments_are_validated_and_idempotent_by_key()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku();
        var manager = Manager(warehouse);

        var invalid = await manager.PostAsJsonAsync("/api/v1/stock/receipts",
            new ReceiptRequest(warehouse, null, [new ReceiptLineRequest(sku, 1, null, null, null), new ReceiptLineRequest("", 0.0001m, null, null, null)]), Ct);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[1].sku", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[1].quantity", out _));

        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stock/receipts")
            {
                Content = JsonContent.Create(new ReceiptRequest(warehouse, "PO-1", [new ReceiptLineRequest(sku, 12.5m, null, "L1", null)])),
            };
            message.Headers.Add("Idempotency-Key", key);
            Assert.Equal(HttpStatusCode.OK, (await manager.SendAsync(message, Ct)).StatusCode);
        }
        Assert.Equal(12.5m, (await StockAsync(warehouse, sku)).OnHand);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task A_write_off_below_what_is_reserved_cuts_the_newest_reservation_and_publishes_a_shortfall()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("EGG");
        await ReceiveAsync(warehouse, sku, 10);
        var (older, newer) = (Guid.NewGuid(), Guid.NewGuid());
        await ReserveAsync(warehouse, older, new StockLine(sku, 4));
        App.Time.Advance(TimeSpan.FromSeconds(1));
        await ReserveAsync(warehouse, newer, new StockLine(sku, 4));

        var response = await Manager(warehouse).PostAsJsonAsync("/api/v1/stock/write-offs",
            new WriteOffRequest(warehouse, "dropped tray", [new WriteOffLineRequest(sku, 5, null, null)]), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stock = await StockAsync(warehouse, sku);
        Assert.Equal(5, stock.OnHand);
        Assert.Equal(5, stock.Reserved);
        var shortfall = Assert.Single(await OutboxEventsAsync(newer.ToString()), e => e.Type == "grocery.inventory.StockShortfall");
        var line = Assert.Single(shortfall.Data.GetProperty("lines").EnumerateArray());
        Assert.Equal(4, line.GetProperty("requested").GetDecimal());
        Assert.Equal(1, line.GetProperty("available").GetDecimal());
        Assert.DoesNotContain(await OutboxEventsAsync(older.ToString()), e => e.Type == "grocery.inventory.StockShortfall");
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Writing_off_more_than_a_named_lot_holds_is_refused_naming_the_lot()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku();
        var lot = (await ReceiveAsync(warehouse, sku, 3)).Lots.Single().LotId;
        await ReceiveAsync(warehouse, sku, 10);

        var response = await Manager(warehouse).PostAsJsonAsync("/api/v1/stock/write-offs",
            new WriteOffRequest(warehouse, "damaged", [new WriteOffLineRequest(sku, 4, lot, null)]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lines[0].lotId", out _), problem.ToString());
        Assert.Equal(13, (await StockAsync(warehouse, sku)).OnHand);
    }

    [Fact]
    public async Task Available_crossing_thresholds_publishes_back_in_stock_low_out_and_in_again()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("THR");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        // A publisher round after each crossing: the rounds are what turns crossings into events.
        await ReceiveAsync(warehouse, sku, 12, low: 5);
        await PublishStockLevelsAsync();
        await ReserveAsync(warehouse, first, new StockLine(sku, 2));
        await ReserveAsync(warehouse, second, new StockLine(sku, 7));
        await PublishStockLevelsAsync();
        await ReserveAsync(warehouse, Guid.NewGuid(), new StockLine(sku, 3));
        await PublishStockLevelsAsync();
        await WithStockAsync(s => s.ReleaseAsync(second, "test", null, Ct));
        await PublishStockLevelsAsync();

        var states = (await OutboxEventsAsync(sku)).Where(e => e.Type == "grocery.inventory.StockLevelChanged")
            .Select(e => (e.Data.GetProperty("state").GetString(), e.Data.GetProperty("available").GetDecimal())).ToList();
        Assert.Equal([("In", 12m), ("Low", 3m), ("Out", 0m), ("In", 7m)], states);
    }

    [Fact]
    public async Task The_daily_job_writes_off_lots_past_best_before_through_the_ledger()
    {
        var warehouse = await NewWarehouseAsync(timeZone: "Asia/Ho_Chi_Minh");
        var sku = NewSku("YOG");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        var options = App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<InventoryOptions>>().Value;
        var untilRun = LotExpiryJob.UntilNextRun(App.Time.GetUtcNow(), options.LotExpiryRunAtUtc) + TimeSpan.FromSeconds(1);
        var localDateAtRun = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(App.Time.GetUtcNow() + untilRun, zone).DateTime);
        var expiring = (await ReceiveAsync(warehouse, sku, 6, localDateAtRun.AddDays(-1))).Lots.Single().LotId;
        await ReceiveAsync(warehouse, sku, 4, localDateAtRun.AddDays(10));
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(sku, 8));
        // Confirmed for a slot days ahead, so the hold outlives the clock moving to the job's next run.
        await WithStockAsync(s => s.ConfirmAsync(orderId, App.Time.GetUtcNow().AddDays(3), "test", Ct));

        App.Time.Advance(untilRun);

        await Eventually.TrueAsync(async () => (await StockAsync(warehouse, sku)).OnHand == 4, "the expired lot was written off");
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM stock_movements WHERE lot_id = @lot AND kind = 'expired'", ("lot", expiring)));
        Assert.Contains(await OutboxEventsAsync(orderId.ToString()), e => e.Type == "grocery.inventory.StockShortfall");
        await AssertLedgerBalancesAsync(warehouse);
    }
}
