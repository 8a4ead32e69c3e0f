using System.Collections.Concurrent;

namespace Grocery.Inventory.Tests;

public sealed class LedgerInvariantTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task The_ledger_balances_after_a_random_mix_of_ten_thousand_operations()
    {
        var warehouse = await NewWarehouseAsync(lowStockThreshold: 5);
        var skus = Enumerable.Range(0, 25).Select(_ => NewSku("RND")).ToArray();
        foreach (var sku in skus) await ReceiveAsync(warehouse, sku, 20);
        var orders = new ConcurrentBag<Guid>();
        var today = DateOnly.FromDateTime(App.Time.GetUtcNow().UtcDateTime);
        var rejected = 0;

        async Task WorkerAsync(int seed, int operations)
        {
            var random = new Random(seed);
            decimal Quantity() => random.Next(4) == 0 ? Math.Round((decimal)random.NextDouble() * 3 + 0.001m, 3) : random.Next(1, 5);
            Guid AnyOrder() => orders.Skip(random.Next(Math.Max(1, orders.Count))).FirstOrDefault();
            for (var i = 0; i < operations; i++)
            {
                var roll = random.Next(100);
                try
                {
                    await WithStockAsync<object?>(async stock =>
                    {
                        switch (roll)
                        {
                            case < 30:
                                var orderId = Guid.NewGuid();
                                orders.Add(orderId);
                                await stock.ReserveAsync(new ReserveStock(orderId, warehouse, null,
                                    [.. skus.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(s => new StockLine(s, Quantity()))], "random"), Ct);
                                break;
                            case < 42:
                                await stock.ReleaseAsync(AnyOrder(), "random", null, Ct);
                                break;
                            case < 50:
                                await stock.ConfirmAsync(AnyOrder(), stock.Now.AddHours(random.Next(1, 5)), "random", Ct);
                                break;
                            case < 60:
                                await stock.ConsumeAsync(AnyOrder(), [.. skus.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(s => new PickedStock(s, Quantity(), "ambient"))], "random", Ct);
                                break;
                            case < 72:
                                await stock.ReceiveAsync(warehouse, [new ReceiptLine(skus[random.Next(skus.Length)], Quantity() * 3,
                                    random.Next(3) == 0 ? null : today.AddDays(random.Next(-2, 4)), null, null)], "random", null, Ct);
                                break;
                            case < 82:
                                await stock.ChangeOnHandAsync(warehouse, "adjusted", [new OnHandChangeLine(skus[random.Next(skus.Length)],
                                    random.Next(2) == 0 ? Quantity() : -Quantity(), null, null, "count")], "random", "count", Ct);
                                break;
                            case < 92:
                                await stock.ChangeOnHandAsync(warehouse, "written_off", [new OnHandChangeLine(skus[random.Next(skus.Length)],
                                    -Quantity(), null, null, "damaged")], "random", "damaged", Ct);
                                break;
                            case < 96:
                                await stock.ExpireReservationsAsync(Ct);
                                break;
                            default:
                                await stock.ExpireLotsAsync(Ct);
                                break;
                        }
                        return null;
                    });
                }
                catch (StockLineRejectedException)
                {
                    Interlocked.Increment(ref rejected);
                }
                if (random.Next(200) == 0) App.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 10)));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => WorkerAsync(6000 + w, 2500), Ct)));

        await AssertLedgerBalancesAsync(warehouse);
        Assert.True(rejected > 0, "some write-offs or adjustments should have been refused");
        Assert.True(await ScalarAsync("SELECT count(*) FROM reservations WHERE warehouse_id = @w AND status = 'consumed'", ("w", warehouse)) > 0);
        Assert.True(await ScalarAsync("SELECT count(*) FROM stock_movements WHERE warehouse_id = @w AND kind = 'expired'", ("w", warehouse)) > 0);
        Assert.DoesNotContain(App.Logs, l => l.Contains("deadlock", StringComparison.OrdinalIgnoreCase));
    }
}
