using System.Text.Json;
using Grocery.Contracts.Delivery;
using Grocery.Contracts.Ordering;
using Grocery.Inventory.Apis;
using Npgsql;

namespace Grocery.Inventory.Tests;

/// <summary>
/// After picking: OrderPicked consumes what was picked and releases the rest; goods that come back
/// from the door (a failed delivery, refused lines) wait for a store manager to restock or write them off.
/// Events travel through the mock Kafka cluster; replays are new messages with the same content.
/// </summary>
public sealed class FulfilmentTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Order_picked_consumes_what_was_picked_and_releases_every_other_reserved_quantity_once_even_when_replayed()
    {
        var order = await PickedOrderAsync();

        var stock = await StocksAsync(order);
        Assert.Equal(8, stock[order.Bread].OnHand);
        Assert.Equal(2.58m, stock[order.Cheese].OnHand);
        Assert.Equal(10, stock[order.Milk].OnHand);
        Assert.Equal(7, stock[order.OatMilk].OnHand);
        Assert.Equal(5, stock[order.Yoghurt].OnHand);
        Assert.All(stock.Values, s => Assert.Equal(0, s.Reserved));
        var ledger = await LedgerOfAsync(order.Id);
        Assert.Equal(
        [
            ($"{order.Bread}", "picked", -2m, 0m), ($"{order.Bread}", "released", 0m, -2m),
            ($"{order.Cheese}", "picked", -0.42m, 0m), ($"{order.Cheese}", "released", 0m, -0.5m),
            ($"{order.Milk}", "released", 0m, -3m),
            ($"{order.OatMilk}", "picked", -3m, 0m), ($"{order.OatMilk}", "released", 0m, -3m),
            ($"{order.Yoghurt}", "released", 0m, -2m),
        ], ledger.Where(m => m.Kind != "reserved").ToList());
        var consumed = await WithScopeAsync(sp => sp.GetRequiredService<InventoryDbContext>().ConsumedLines.AsNoTracking()
            .Where(c => c.OrderId == order.Id).OrderBy(c => c.Sku).Select(c => new { c.Sku, c.Quantity, c.Storage }).ToListAsync(Ct));
        Assert.Equal([new { Sku = order.Bread, Quantity = 2m, Storage = "ambient" }, new { Sku = order.Cheese, Quantity = 0.42m, Storage = "chilled" },
            new { Sku = order.OatMilk, Quantity = 3m, Storage = "chilled" }], consumed);

        await PublishAndAwaitHandledAsync(order.Picked);

        Assert.Equal(ledger, await LedgerOfAsync(order.Id));
        Assert.Equal(8, (await StockAsync(order.Warehouse, order.Bread)).OnHand);
        await AssertLedgerBalancesAsync(order.Warehouse);
    }

    [Fact]
    public async Task A_failed_delivery_brings_every_consumed_line_back_with_suggested_decisions_and_a_replay_adds_nothing()
    {
        var order = await PickedOrderAsync();
        var failed = new ShipmentFailedIntegrationEvent(order.Id, Guid.NewGuid(), "in-house", "nobody home", App.Time.GetUtcNow());

        await PublishAndAwaitHandledAsync(failed);
        await PublishAndAwaitHandledAsync(failed);

        var returns = await PendingAsync(order.Warehouse, order.Id);
        Assert.Equal(3, returns.Count);
        Assert.Equal(("restock", 2m, "ambient", "delivery-failed"), Describe(returns[order.Bread]));
        Assert.Equal(("write-off", 0.42m, "chilled", "delivery-failed"), Describe(returns[order.Cheese]));
        Assert.Equal(("write-off", 3m, "chilled", "delivery-failed"), Describe(returns[order.OatMilk]));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM stock_returns WHERE order_id = @o", ("o", order.Id)));
    }

    [Fact]
    public async Task Restocking_a_return_raises_on_hand_and_publishes_the_level_while_a_write_off_leaves_on_hand_and_records_both_movements()
    {
        var order = await PickedOrderAsync(breadReceived: 2);
        Assert.Equal(0, (await StockAsync(order.Warehouse, order.Bread)).OnHand);
        await PublishStockLevelsAsync();
        await PublishAndAwaitHandledAsync(new ShipmentFailedIntegrationEvent(order.Id, Guid.NewGuid(), "in-house", "address not found", App.Time.GetUtcNow()));
        var returns = await PendingAsync(order.Warehouse, order.Id);
        var manager = Manager(order.Warehouse);
        var levelsBefore = (await OutboxEventsAsync(order.Bread)).Count(e => e.Type == "grocery.inventory.StockLevelChanged");

        var restocked = await InspectAsync(manager, returns[order.Bread], new InspectReturnRequest("restock", "sealed, undamaged"));
        var writtenOff = await InspectAsync(manager, returns[order.Cheese], new InspectReturnRequest("write-off", "cold chain broken"));

        Assert.Equal(HttpStatusCode.OK, restocked.StatusCode);
        Assert.Equal("restocked", (await restocked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, writtenOff.StatusCode);
        Assert.Equal("written-off", (await writtenOff.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(2, (await StockAsync(order.Warehouse, order.Bread)).OnHand);
        Assert.Equal(2.58m, (await StockAsync(order.Warehouse, order.Cheese)).OnHand);
        var ledger = await LedgerOfAsync(order.Id);
        Assert.Contains(($"{order.Bread}", "returned", 2m, 0m), ledger);
        Assert.Contains(($"{order.Cheese}", "returned", 0.42m, 0m), ledger);
        Assert.Contains(($"{order.Cheese}", "written_off", -0.42m, 0m), ledger);
        Assert.Single(await PendingAsync(order.Warehouse, order.Id));

        await PublishStockLevelsAsync();
        var level = (await OutboxEventsAsync(order.Bread)).Where(e => e.Type == "grocery.inventory.StockLevelChanged").Skip(levelsBefore).Single();
        Assert.Equal(2, level.Data.GetProperty("available").GetDecimal());

        // The same decision again is answered as it was; the other one is a conflict; neither moves stock.
        var repeated = await InspectAsync(manager, returns[order.Bread], new InspectReturnRequest("restock", null));
        var reversed = await InspectAsync(manager, returns[order.Cheese], new InspectReturnRequest("restock", null));
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reversed.StatusCode);
        Assert.Equal(ledger, await LedgerOfAsync(order.Id));
        await AssertLedgerBalancesAsync(order.Warehouse);
    }

    [Fact]
    public async Task Only_the_refused_lines_come_back_from_a_delivered_shipment_capped_at_what_was_picked_and_once()
    {
        var order = await PickedOrderAsync();
        var delivered = new ShipmentDeliveredIntegrationEvent(order.Id, Guid.NewGuid(), App.Time.GetUtcNow(), 250_000,
            [new RefusedLine(order.OatMilk, 1, "dented"), new RefusedLine(order.Bread, 5, "stale"), new RefusedLine(order.Yoghurt, 1, "not picked")]);

        await PublishAndAwaitHandledAsync(delivered, delivered);

        var returns = await PendingAsync(order.Warehouse, order.Id);
        Assert.Equal(2, returns.Count);
        Assert.Equal(("write-off", 1m, "chilled", "refused"), Describe(returns[order.OatMilk]));
        Assert.Equal(("restock", 2m, "ambient", "refused"), Describe(returns[order.Bread]));
    }

    [Fact]
    public async Task Returns_are_for_store_managers_of_their_own_warehouse()
    {
        var order = await PickedOrderAsync();
        await PublishAndAwaitHandledAsync(new ShipmentFailedIntegrationEvent(order.Id, Guid.NewGuid(), "in-house", "closed", App.Time.GetUtcNow()));
        var elsewhere = await NewWarehouseAsync();
        var returnId = (await PendingAsync(order.Warehouse, order.Id))[order.Bread].GetProperty("id").GetGuid();

        var foreignList = await Manager(elsewhere).GetAsync($"/api/v1/returns?warehouseId={order.Warehouse}", Ct);
        var foreignInspect = await InspectAsync(Manager(elsewhere), returnId, new InspectReturnRequest("restock", null));
        var pickerList = await Picker(order.Warehouse).GetAsync($"/api/v1/returns?warehouseId={order.Warehouse}", Ct);
        var badDecision = await InspectAsync(Manager(order.Warehouse), returnId, new InspectReturnRequest("keep", null));
        var unknown = await InspectAsync(Manager(order.Warehouse), Guid.NewGuid(), new InspectReturnRequest("restock", null));

        Assert.Equal(HttpStatusCode.Forbidden, foreignList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignInspect.StatusCode);
        Assert.Equal("application/problem+json", foreignInspect.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, pickerList.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDecision.StatusCode);
        Assert.True((await badDecision.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("decision", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(3, (await PendingAsync(order.Warehouse, order.Id)).Count);
        Assert.Equal(8, (await StockAsync(order.Warehouse, order.Bread)).OnHand);
    }

    private sealed record PickedOrder(Guid Id, Guid Warehouse, string Bread, string Cheese, string Milk, string OatMilk, string Yoghurt, OrderPickedIntegrationEvent Picked);

    /// <summary>
    /// An order of bread 2, cheese 0.5 kg (weighed), milk 3 (short: substituted by oat milk 3 through the API) and
    /// yoghurt 2 (short, removed), picked as bread 2, cheese 0.42 kg, oat milk 3 and no yoghurt.
    /// </summary>
    private async Task<PickedOrder> PickedOrderAsync(decimal breadReceived = 10)
    {
        var warehouse = await NewWarehouseAsync();
        var (bread, cheese, milk, oat, yoghurt) = (NewSku("BRD"), NewSku("CHS"), NewSku("MLK"), NewSku("OAT"), NewSku("YOG"));
        await ReceiveAsync(warehouse, bread, breadReceived);
        await ReceiveAsync(warehouse, cheese, 3);
        await ReceiveAsync(warehouse, milk, 10);
        await ReceiveAsync(warehouse, oat, 10);
        await ReceiveAsync(warehouse, yoghurt, 5);
        var orderId = Guid.NewGuid();
        await ReserveAsync(warehouse, orderId, new StockLine(bread, 2), new StockLine(cheese, 0.5m), new StockLine(milk, 3), new StockLine(yoghurt, 2));
        using (var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reservations/{orderId}/substitutions")
               {
                   Content = JsonContent.Create(new SubstitutionRequest(milk, oat, 3)),
               })
        {
            message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.OK, (await Picker(warehouse).SendAsync(message, Ct)).StatusCode);
        }
        var picked = new OrderPickedIntegrationEvent(orderId, warehouse,
        [
            new PickedLine(bread, 2, 2, null, null, 40_000, "ambient"),
            new PickedLine(cheese, 0.5m, 0.42m, 0.42m, null, 84_000, "chilled"),
            new PickedLine(milk, 3, 3, null, oat, 90_000, "chilled"),
            new PickedLine(yoghurt, 2, 0, null, null, 0, "chilled"),
        ], App.Time.GetUtcNow());
        await PublishAndAwaitHandledAsync(picked);
        return new PickedOrder(orderId, warehouse, bread, cheese, milk, oat, yoghurt, picked);
    }

    private async Task<Dictionary<string, Domain.StockItem>> StocksAsync(PickedOrder order)
    {
        var result = new Dictionary<string, Domain.StockItem>();
        foreach (var sku in new[] { order.Bread, order.Cheese, order.Milk, order.OatMilk, order.Yoghurt })
            result[sku] = await StockAsync(order.Warehouse, sku);
        return result;
    }

    /// <summary>The order's ledger movements as (SKU, kind, on-hand delta, reserved delta), in a stable order.</summary>
    private async Task<List<(string Sku, string Kind, decimal OnHand, decimal Reserved)>> LedgerOfAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(Infrastructure.DatabaseConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT sku, kind, sum(on_hand_delta), sum(reserved_delta) FROM stock_movements WHERE order_id = @o GROUP BY sku, kind ORDER BY sku, kind", connection);
        command.Parameters.AddWithValue("o", orderId);
        var rows = new List<(string, string, decimal, decimal)>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3)));
        return rows;
    }

    private async Task<Dictionary<string, JsonElement>> PendingAsync(Guid warehouse, Guid orderId)
    {
        var response = await Manager(warehouse).GetAsync($"/api/v1/returns?warehouseId={warehouse}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var all = await response.Content.ReadFromJsonAsync<List<JsonElement>>(Ct);
        return all!.Where(r => r.GetProperty("orderId").GetGuid() == orderId).ToDictionary(r => r.GetProperty("sku").GetString()!);
    }

    private static (string, decimal, string, string) Describe(JsonElement r) => (r.GetProperty("suggestedDecision").GetString()!,
        r.GetProperty("quantity").GetDecimal(), r.GetProperty("storage").GetString()!, r.GetProperty("source").GetString()!);

    private Task<HttpResponseMessage> InspectAsync(HttpClient client, JsonElement pending, InspectReturnRequest request) =>
        InspectAsync(client, pending.GetProperty("id").GetGuid(), request);

    private Task<HttpResponseMessage> InspectAsync(HttpClient client, Guid id, InspectReturnRequest request) =>
        client.PostAsJsonAsync($"/api/v1/returns/{id}/inspect", request, Ct);
}
