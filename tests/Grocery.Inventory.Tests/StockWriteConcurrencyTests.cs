using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

public sealed class StockWriteConcurrencyTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Two_hundred_rounds_of_parallel_write_offs_adjustments_receipts_and_reservations_on_one_sku_never_fail_and_keep_the_ledger()
    {
        var warehouse = await NewWarehouseAsync(lowStockThreshold: 3);
        var sku = NewSku("RACE");
        await ReceiveAsync(warehouse, sku, 20);
        var manager = Manager(warehouse);
        var service = Service();
        var failures = new List<string>();
        var logsBefore = App.Logs.Count;
        var run = Guid.NewGuid().ToString("N")[..8];

        for (var round = 0; round < 200; round++)
        {
            // Per round on hand grows by one while up to four units are reserved, so write-offs keep
            // cutting reservations short (the path that also writes outbox rows).
            var requests = Enumerable.Range(0, 16).Select(i => (i % 4) switch
            {
                0 => Send(manager, "/api/v1/stock/write-offs", new WriteOffRequest(warehouse, "damaged", [new WriteOffLineRequest(sku, 1, null, null)]),
                    idempotencyKey: i is 0 or 4 ? $"{run}-w-{round}" : null),
                1 => Send(manager, "/api/v1/stock/adjustments", new AdjustmentRequest(warehouse, "count",
                    [new AdjustmentLineRequest(sku, i % 8 == 1 ? 1 : -1, null, null)]), idempotencyKey: i == 5 ? $"{run}-a-{round}" : null),
                2 => i == 14
                    ? Send(manager, "/api/v1/stock/write-offs", new WriteOffRequest(warehouse, "damaged", [new WriteOffLineRequest(sku, 1, null, null)]), null)
                    : Send(manager, "/api/v1/stock/receipts", new ReceiptRequest(warehouse, $"PO-{round}", [new ReceiptLineRequest(sku, 2, null, null, null)]),
                        idempotencyKey: i == 2 ? $"{run}-r-{round}" : null),
                _ => Send(service, "/api/v1/reservations", new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 1)]), null),
            }).ToList();

            requests.Add(Task.Run(() => manager.GetAsync($"/api/v1/stock/{sku}", Ct), Ct));
            // The background jobs run alongside requests in production, and callers give up on requests
            // mid-flight (a gateway timeout): neither may leave a connection that fails the next request.
            var jobs = Task.WhenAll(Task.Run(PublishStockLevelsAsync, Ct), Task.Run(() => WithStockAsync(s => s.ExpireReservationsAsync(Ct)), Ct),
                AbandonAsync(manager, "/api/v1/stock/write-offs", new WriteOffRequest(warehouse, "damaged", [new WriteOffLineRequest(sku, 1, null, null)]), round % 5),
                AbandonAsync(service, "/api/v1/reservations", new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 1)]), round % 3));
            var responses = await Task.WhenAll(requests);
            await jobs;
            foreach (var response in responses)
            {
                using (response)
                {
                    // 400: a write-off or decrement larger than on hand; 409: a reservation that found too little.
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Conflict))
                        failures.Add($"round {round}: {(int)response.StatusCode} {response.RequestMessage?.RequestUri} {await response.Content.ReadAsStringAsync(Ct)}");
                }
            }

            var stock = await StockAsync(warehouse, sku);
            Assert.True(stock.Reserved >= 0 && stock.OnHand - stock.Reserved >= 0,
                $"round {round}: on hand {stock.OnHand}, reserved {stock.Reserved}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} requests failed:\n{string.Join("\n", failures.Take(5))}");
        var logs = App.Logs.Skip(logsBefore).ToList();
        Assert.DoesNotContain(logs, l => l.Contains("unexpected backend message", StringComparison.OrdinalIgnoreCase));
        await AssertLedgerBalancesAsync(warehouse);
        Assert.True(await ScalarAsync("SELECT count(*) FROM stock_movements WHERE sku = @s AND kind = 'released' AND reason LIKE 'shortfall%'", ("s", sku)) > 0,
            "write-offs should have cut reservations short");
    }

    /// <summary>Sends a request and stops waiting for it after a few milliseconds (or its answer, whichever comes first).</summary>
    private static async Task AbandonAsync<T>(HttpClient client, string path, T body, int afterMilliseconds)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        abandon.CancelAfter(TimeSpan.FromMilliseconds(afterMilliseconds));
        try
        {
            using var response = await client.PostAsJsonAsync(path, body, abandon.Token);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested && !Ct.IsCancellationRequested)
        {
        }
    }

    private static Task<HttpResponseMessage> Send<T>(HttpClient client, string path, T body, string? idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) message.Headers.Add("Idempotency-Key", idempotencyKey);
        return Task.Run(() => client.SendAsync(message, Ct), Ct);
    }
}
