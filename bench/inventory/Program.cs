// Reservation throughput of Grocery.Inventory on this machine: the whole HTTP pipeline (JWT
// validation, routing, JSON, the reserve function as one autocommitted statement) hosted in-process on
// a real PostgreSQL 15 (Grocery.Testing) and a librdkafka mock cluster.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Confluent.Kafka;
using Grocery.Inventory.Apis;
using Grocery.Inventory.Bench;
using Grocery.Inventory.Data;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Grocery.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

var reservations = Arg("--reservations", 10_000);
var concurrency = Arg("--concurrency", 32);

await using var postgres = await PostgresServer.StartAsync();
await using var identity = await TestIdentityServer.StartAsync();
var kafkaConfig = new ProducerConfig();
kafkaConfig.Set("test.mock.num.brokers", "1");
using var cluster = new ProducerBuilder<byte[], byte[]>(kafkaConfig).Build();
string kafka;
using (var admin = new DependentAdminClientBuilder(cluster.Handle).Build())
    kafka = string.Join(",", admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
var database = await postgres.CreateDatabaseAsync("inventory_bench");

var cpu = new CpuMeter(postgres.Port);
await using var app = new BenchApp(database, kafka, identity.ServiceConfiguration);
using var client = app.CreateClient();
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
    identity.CreateToken("ordering", ["service"], TimeSpan.FromHours(1)));

var warehouse = Guid.NewGuid();
var spreadSkus = Enumerable.Range(0, 5_000).Select(i => $"SPREAD-{i:D5}").ToArray();
var hotSkus = Enumerable.Range(0, 50).Select(i => $"HOT-{i:D2}").ToArray();
const int HotStockPerSku = 100;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
    db.Warehouses.Add(new Warehouse { Id = warehouse, Code = "BENCH", Name = "Bench", TimeZone = "Asia/Ho_Chi_Minh", LowStockThreshold = 5, CreatedAt = DateTimeOffset.UtcNow });
    await db.SaveChangesAsync();
}
foreach (var chunk in spreadSkus.Chunk(500))
    await WithStock(s => s.ReceiveAsync(warehouse, [.. chunk.Select(k => new ReceiptLine(k, 1_000, null, null, null))], "bench", null, default));
await WithStock(s => s.ReceiveAsync(warehouse, [.. hotSkus.Select(k => new ReceiptLine(k, HotStockPerSku, null, null, null))], "bench", null, default));

Console.WriteLine($"Inventory reservations through HTTP (in-process TestServer), {Environment.ProcessorCount} cores, concurrency {concurrency}");
// Until tiered compilation settles (no new method compiled for a round): the figures are those of a
// service that has been running, not of one still compiling itself.
for (var round = 1; ; round++)
{
    var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
    await RunAsync("warm-up", 2_000, r => [.. Enumerable.Range(0, r.Next(1, 4)).Select(_ => new ReservationLineRequest(spreadSkus[r.Next(spreadSkus.Length)], 1))], print: false);
    var newlyCompiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled;
    if (newlyCompiled < 50 || round == 15)
    {
        Console.WriteLine($"warm-up: {round * 2_000} reservations, {newlyCompiled} methods compiled in the last round");
        break;
    }
}
await RunAsync("spread over 5,000 SKUs (1-3 lines)", reservations,
    r => [.. Enumerable.Range(0, r.Next(1, 4)).Select(_ => new ReservationLineRequest(spreadSkus[r.Next(spreadSkus.Length)], r.Next(1, 3)))]);
await RunAsync($"contending for 50 hot SKUs ({HotStockPerSku} units each, 1 line of 1)", reservations,
    r => [new ReservationLineRequest(hotSkus[r.Next(hotSkus.Length)], 1)]);

// Every reservation changed its hot SKU: the coalescing publisher writes at most one event per SKU per round.
await Task.Delay(TimeSpan.FromSeconds(2.5));
await using (var connection = new NpgsqlConnection(database))
{
    await connection.OpenAsync();
    await using var levels = new NpgsqlCommand("""
        SELECT (SELECT count(*) FROM messaging.outbox_messages WHERE event_type = 'grocery.inventory.StockLevelChanged' AND partition_key LIKE 'HOT-%'),
               (SELECT count(*) FROM stock_changes)
        """, connection);
    await using var reader = await levels.ExecuteReaderAsync();
    await reader.ReadAsync();
    Console.WriteLine($"StockLevelChanged events for the {hotSkus.Length} hot SKUs (100 changes each, coalesced per 1 s round): {reader.GetInt64(0)}; rows still marked changed: {reader.GetInt64(1)}");
}

// The reserve function alone, no HTTP and no client round trips: 2,000 orders of 2 lines, alone and in batches of 32.
await using (var connection = new NpgsqlConnection(database))
{
    await connection.OpenAsync();
    foreach (var batchSize in new[] { 1, 32 })
    {
        await using var probe = new NpgsqlCommand($$"""
            DO $probe$
            DECLARE n int := {{batchSize}};
            BEGIN
              FOR b IN 0 .. 2000 / n - 1 LOOP
                PERFORM * FROM inventory_reserve_batch(
                  ARRAY(SELECT gen_random_uuid() FROM generate_series(1, n)), array_fill('{{warehouse}}'::uuid, ARRAY[n]),
                  array_fill(NULL::uuid, ARRAY[n]), array_fill('probe'::text, ARRAY[n]), array_fill(2, ARRAY[n]),
                  ARRAY(SELECT 'SPREAD-' || lpad((((b * n + i / 2) * 7 + i % 2 * 2500) % 5000)::text, 5, '0') FROM generate_series(0, 2 * n - 1) i),
                  array_fill(1::numeric, ARRAY[2 * n]), now() + interval '15 minutes', now());
              END LOOP;
            END
            $probe$
            """, connection) { CommandTimeout = 300 };
        var started = Stopwatch.GetTimestamp();
        await probe.ExecuteNonQueryAsync();
        Console.WriteLine($"reserve function alone (2 lines, {batchSize} order(s) per call, one session): {Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / 2000:F0} µs per order");
    }
}

// HOT updates keep reserving off the indexes. Backends report their counters when idle, at the latest
// 10 s later (PostgreSQL 15), hence the wait.
await Task.Delay(TimeSpan.FromSeconds(11));
await using (var connection = new NpgsqlConnection(database))
{
    await connection.OpenAsync();
    await using var hot = new NpgsqlCommand("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'stock_items'", connection);
    await using var reader = await hot.ExecuteReaderAsync();
    await reader.ReadAsync();
    var (updates, hotUpdates) = (reader.GetInt64(0), reader.GetInt64(1));
    Console.WriteLine($"stock_items updates over the whole bench: {updates}, of which HOT {hotUpdates} ({100.0 * hotUpdates / Math.Max(1, updates):F1} %)");
}

// Zero oversell and a balanced ledger.
await using (var connection = new NpgsqlConnection(database))
{
    await connection.OpenAsync();
    await using var check = new NpgsqlCommand("""
        WITH held AS (SELECT l.sku, sum(l.reserved) AS reserved FROM reservation_lines l JOIN reservations r ON r.order_id = l.order_id
                      WHERE r.warehouse_id = @w GROUP BY l.sku),
             ledger AS (SELECT sku, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved FROM stock_movements
                        WHERE warehouse_id = @w GROUP BY sku)
        SELECT count(*) FILTER (WHERE s.reserved > s.on_hand OR s.on_hand < 0),
               count(*) FILTER (WHERE s.reserved <> coalesce(h.reserved, 0)),
               count(*) FILTER (WHERE s.reserved <> coalesce(g.reserved, 0) OR s.on_hand <> coalesce(g.on_hand, 0)),
               coalesce(sum(s.reserved) FILTER (WHERE s.sku LIKE 'HOT-%'), 0)
        FROM stock_items s LEFT JOIN held h ON h.sku = s.sku LEFT JOIN ledger g ON g.sku = s.sku
        WHERE s.warehouse_id = @w
        """, connection);
    check.Parameters.AddWithValue("w", warehouse);
    await using var reader = await check.ExecuteReaderAsync();
    await reader.ReadAsync();
    Console.WriteLine($"oversold SKUs: {reader.GetInt64(0)}, reserved not matching reservations: {reader.GetInt64(1)}, " +
                      $"ledger mismatches: {reader.GetInt64(2)}, hot units reserved: {reader.GetDecimal(3)} of {hotSkus.Length * HotStockPerSku}");
}
return;

async Task RunAsync(string name, int count, Func<Random, ReservationLineRequest[]> lines, bool print = true)
{
    var latencies = new double[count];
    var created = 0;
    var conflicts = 0;
    var errors = 0;
    var next = -1;
    var cpuBefore = cpu.Read();
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
    {
        var random = new Random(worker * 7919 + count);
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var request = new CreateReservationRequest(Guid.NewGuid(), warehouse, null, lines(random));
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("/api/v1/reservations", request);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created: Interlocked.Increment(ref created); break;
                case HttpStatusCode.Conflict: Interlocked.Increment(ref conflicts); break;
                default: Interlocked.Increment(ref errors); break;
            }
        }
    })));
    stopwatch.Stop();
    var cpuAfter = cpu.Read();
    if (!print) return;
    Array.Sort(latencies);
    double P(double q) => latencies[Math.Min(count - 1, (int)Math.Ceiling(q * count) - 1)];
    Console.WriteLine($"{name}: {count} reservations in {stopwatch.Elapsed.TotalSeconds:F2} s = {count / stopwatch.Elapsed.TotalSeconds:F0} reservations/s; " +
                      $"p50 {P(0.50):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms; reserved {created}, refused (short) {conflicts}, errors {errors}");
    var (benchCpu, pgCpu) = (cpuAfter.Bench - cpuBefore.Bench, cpuAfter.Postgres - cpuBefore.Postgres);
    Console.WriteLine($"  CPU: service+client {benchCpu:F1} s, PostgreSQL {pgCpu:F1} s = {1000 * (benchCpu + pgCpu) / count:F2} ms per reservation " +
                      $"→ {2 * count / (benchCpu + pgCpu):F0} reservations/s on 2 dedicated cores (load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
}

async Task WithStock(Func<StockService, Task> action)
{
    await using var scope = app.Services.CreateAsyncScope();
    await action(scope.ServiceProvider.GetRequiredService<StockService>());
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
