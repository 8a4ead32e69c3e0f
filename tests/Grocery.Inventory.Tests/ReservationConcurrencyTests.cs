using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

public sealed class ReservationConcurrencyTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Five_hundred_parallel_reservations_of_one_unit_against_a_hundred_available_reserve_exactly_a_hundred()
    {
        var warehouse = await NewWarehouseAsync();
        var sku = NewSku("HOT");
        await ReceiveAsync(warehouse, sku, 100);
        var client = Service();

        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => client.PostAsJsonAsync("/api/v1/reservations",
            new CreateReservationRequest(Guid.NewGuid(), warehouse, null, [new ReservationLineRequest(sku, 1)]), Ct)));

        Assert.Equal(100, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(400, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var stock = await StockAsync(warehouse, sku);
        Assert.Equal(100, stock.OnHand);
        Assert.Equal(100, stock.Reserved);
        Assert.Equal(0, stock.Available);
        await AssertLedgerBalancesAsync(warehouse);
        Assert.DoesNotContain(App.Logs, l => l.Contains("deadlock", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Multi_line_orders_racing_single_line_orders_on_overlapping_skus_never_leave_a_partial_reservation()
    {
        var warehouse = await NewWarehouseAsync();
        var skus = Enumerable.Range(0, 5).Select(_ => NewSku("MIX")).ToArray();
        foreach (var sku in skus) await ReceiveAsync(warehouse, sku, 40);
        var random = new Random(6);
        var orders = Enumerable.Range(0, 300).Select(i => (Id: Guid.NewGuid(), Lines: i % 2 == 0
            // Multi-line orders list their SKUs in random order: the lock order must not depend on it.
            ? skus.OrderBy(_ => random.Next()).Take(random.Next(2, 6)).Select(s => new StockLine(s, random.Next(1, 4))).ToArray()
            : [new StockLine(skus[random.Next(skus.Length)], random.Next(1, 3))])).ToList();

        var results = await Task.WhenAll(orders.Select(o => Task.Run(() => ReserveAsync(warehouse, o.Id, o.Lines), Ct)));

        foreach (var reservation in results)
        {
            if (reservation.Status == "pending") Assert.All(reservation.Lines, l => Assert.Equal(l.Quantity, l.Reserved));
            else
            {
                Assert.Equal("failed", reservation.Status);
                Assert.All(reservation.Lines, l => Assert.Equal(0, l.Reserved));
                Assert.NotEmpty(reservation.Shortfalls);
            }
        }
        Assert.Contains(results, r => r.Status == "failed");
        foreach (var sku in skus)
        {
            var reserved = results.Where(r => r.Status == "pending").SelectMany(r => r.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
            var stock = await StockAsync(warehouse, sku);
            Assert.Equal(reserved, stock.Reserved);
            Assert.InRange(stock.Reserved, 0, 40);
        }
        await AssertLedgerBalancesAsync(warehouse);
    }
}
