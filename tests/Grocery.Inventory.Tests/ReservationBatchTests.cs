using Grocery.Inventory.Background;
using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

/// <summary>
/// Reservations made over HTTP are decided in batches (ReservationBatcher): what one request gets
/// must not depend on what else shared its batch.
/// </summary>
public sealed class ReservationBatchTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Parallel_repeats_of_one_order_reserve_it_once_and_all_answer_that_reservation()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("REP");
        await ReceiveAsync(warehouse, sku, 50);
        var client = Service();
        var request = new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 3)]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostAsJsonAsync("/api/v1/reservations", request, Ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var reservations = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<ReservationView>(Ct)));
        Assert.All(reservations, r =>
        {
            Assert.Equal(request.OrderId, r!.OrderId);
            Assert.Equal("pending", r.Status);
            Assert.Equal(reservations[0]!.CreatedAt, r.CreatedAt);
            Assert.Equal(3, Assert.Single(r.Lines).Reserved);
        });
        Assert.Equal(3, (await StockAsync(warehouse, sku)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task An_unknown_warehouse_fails_only_its_own_request_among_parallel_ones()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("UNK");
        await ReceiveAsync(warehouse, sku, 100);
        var client = Service();
        var requests = Enumerable.Range(0, 30).Select(i => new CreateReservationRequest(Guid.NewGuid(), i == 15 ? Guid.NewGuid() : warehouse, null,
            [new ReservationLineRequest(sku, 2)])).ToList();

        var responses = await Task.WhenAll(requests.Select(r => client.PostAsJsonAsync("/api/v1/reservations", r, Ct)));

        Assert.Equal(HttpStatusCode.BadRequest, responses[15].StatusCode);
        var problem = await responses[15].Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("warehouseId", out _));
        Assert.All(responses.Where((_, i) => i != 15), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(58, (await StockAsync(warehouse, sku)).Reserved);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM reservations WHERE order_id = @o", ("o", requests[15].OrderId!.Value)));
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Reservations_go_on_after_the_database_drops_the_batch_connections()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("DROP");
        await ReceiveAsync(warehouse, sku, 100);
        var client = Service();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 1)]), Ct)));

        var dropped = await ScalarAsync("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name",
            ("name", ReservationBatcher.ApplicationName));
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 1)]), Ct)));

        Assert.True(dropped > 0, "no batch connection was open to drop");
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(20, (await StockAsync(warehouse, sku)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }
}
