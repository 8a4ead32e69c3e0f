using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;
using Grocery.Checkout.Bench;
using Grocery.Contracts;
using Grocery.Ordering.Apis;
using Grocery.Ordering.Data;
using Grocery.Ordering.Domain;
using Grocery.Ordering.Tests;
using Grocery.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Checkout → OrderConfirmed through Ordering (in-process, real PostgreSQL, Redis and the librdkafka
// mock cluster) with Catalog and Delivery faked over HTTP and Inventory/Delivery simulated over Kafka.
var orders = args.Length > 0 ? int.Parse(args[0]) : 2000;
var skus = args.Length > 1 ? int.Parse(args[1]) : 500;
var concurrency = args.Length > 2 ? int.Parse(args[2]) : 32;
const int LinesPerOrder = 3;
const decimal StockPerSku = 25m;
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

await using var postgres = await PostgresServer.StartAsync();
await using var redis = await RedisServer.StartAsync();
await using var identity = await TestIdentityServer.StartAsync();
using var cluster = KafkaMockCluster.Start();
var kafka = cluster.BootstrapServers;

using var catalog = new FakeCatalog();
using var delivery = new FakeDelivery();
var random = new Random(42);
// Shelved like Catalog's products (a slug, GTIN, storage and aisle), so checkout copies shelf details as it does in the system.
var products = Enumerable.Range(0, skus).Select(i => catalog.AddShelved($"Product {i}", 10_000m + random.Next(0, 190) * 1_000m,
    new[] { 0, 5, 8, 10 }[i % 4], soldByWeight: i % 10 == 0, new[] { "ambient", "chilled", "frozen" }[i % 3], 100 + i % 20, $"Aisle {i % 20}")).ToList();
var zone = delivery.AddZone(minimumBasketValue: 50_000m, standardFee: 15_000m);

var connectionString = await postgres.CreateDatabaseAsync("orderingdb");
await using (var db = new OrderingDbContext(new DbContextOptionsBuilder<OrderingDbContext>()
    .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options))
    await db.Database.MigrateAsync();

using var peers = new SimulatedPeers(kafka, products.ToDictionary(p => p.Sku, _ => StockPerSku));
// Any type of the Ordering assembly locates its entry point (this file has its own Program).
await using var app = new WebApplicationFactory<Grocery.Ordering.Saga.OrderSaga>().WithWebHostBuilder(builder =>
{
    builder.UseEnvironment("Production");
    builder.UseSetting("ConnectionStrings:orderingdb", connectionString);
    builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
    builder.UseSetting("ConnectionStrings:kafka", kafka);
    builder.UseSetting("Database:MigrateOnStartup", "false");
    builder.UseSetting("Ordering:CatalogUrl", catalog.Url);
    builder.UseSetting("Ordering:DeliveryUrl", delivery.Url);
    builder.UseSetting("Logging:LogLevel:Default", "Warning");
    builder.UseSetting("Logging:LogLevel:StackExchange.Redis", "Error");
    foreach (var (key, value) in identity.ServiceConfiguration) builder.UseSetting(key, value);
});
_ = app.Server;

// Warm-up: one order end to end, so JIT, pools, consumer group and topics are ready.
var warmup = await PlaceAsync(-1);
await WaitUntilAsync(() => peers.Confirmed.ContainsKey(warmup.OrderId) || peers.Cancelled.ContainsKey(warmup.OrderId), TimeSpan.FromSeconds(60));

// Baskets are filled first: the figures are for checkout → OrderConfirmed, not for browsing.
var shoppers = new HttpClient[orders];
var fill = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, orders), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => shoppers[i] = await FillBasketAsync(i));
Console.WriteLine($"baskets filled:         {orders} in {fill.Elapsed.TotalSeconds:F1} s (not part of the figures below)");

var started = new System.Collections.Concurrent.ConcurrentDictionary<Guid, long>();
var failures = 0;
using var meter = new BenchMeter();
meter.Start();
var clock = Stopwatch.StartNew();
var benchStart = Stopwatch.GetTimestamp();
await Parallel.ForEachAsync(Enumerable.Range(0, orders), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
{
    try
    {
        var placed = await CheckoutAsync(shoppers[i]);
        started[placed.OrderId] = placed.CheckoutStartedAt;
    }
    catch (Exception e)
    {
        if (Interlocked.Increment(ref failures) <= 3) Console.Error.WriteLine($"order {i} failed: {e.Message}");
    }
});
var checkoutSeconds = clock.Elapsed.TotalSeconds;
await WaitUntilAsync(() => started.Keys.All(id => peers.Confirmed.ContainsKey(id) || peers.Cancelled.ContainsKey(id)), TimeSpan.FromSeconds(120));
meter.Stop();
var benchEnd = started.Keys.Select(id => peers.Confirmed.TryGetValue(id, out var t) ? t : peers.Cancelled.TryGetValue(id, out var c) ? c : 0).DefaultIfEmpty(0).Max();

var latencies = started.Where(s => peers.Confirmed.ContainsKey(s.Key))
    .Select(s => Stopwatch.GetElapsedTime(s.Value, peers.Confirmed[s.Key]).TotalMilliseconds).Order().ToArray();
var confirmed = latencies.Length;
var cancelled = started.Keys.Count(peers.Cancelled.ContainsKey);
var wall = Stopwatch.GetElapsedTime(benchStart, benchEnd).TotalSeconds;

await using var scope = app.Services.CreateAsyncScope();
var ordering = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
var all = await ordering.Orders.AsNoTracking().ToListAsync();
var stuck = all.Count(o => o.IsInProgress);
var confirmedUnits = all.Where(o => o.Status == OrderStatus.Confirmed).SelectMany(o => o.Items)
    .GroupBy(i => i.Sku).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity));
var oversold = confirmedUnits.Sum(kv => Math.Max(0m, kv.Value - peers.InitialStock[kv.Key]));

Console.WriteLine($"checkout bench: {orders} orders x {LinesPerOrder} lines over {skus} SKUs ({StockPerSku} units each), {concurrency} concurrent shoppers");
Console.WriteLine("mode: Ordering in-process (real PostgreSQL 15, Redis 7, librdkafka mock cluster); Catalog/Delivery HTTP faked (WireMock), Inventory/Delivery replies simulated over Kafka");
Console.WriteLine($"checkouts accepted:     {started.Count} in {checkoutSeconds:F1} s ({started.Count / checkoutSeconds:F0} checkouts/s), failed requests: {failures}");
Console.WriteLine($"completed orders/s:     {(confirmed + cancelled) / wall:F0} (confirmed {confirmed}, cancelled for stock {cancelled}, in {wall:F1} s from first checkout)");
Console.WriteLine($"confirmed orders/s:     {confirmed / wall:F0}");
Console.WriteLine($"checkout→OrderConfirmed p50: {Percentile(0.50):F0} ms  p99: {Percentile(0.99):F0} ms  max: {(latencies.Length > 0 ? latencies[^1] : 0):F0} ms");
Console.WriteLine($"oversold units:         {oversold} (simulated inventory negative: {peers.OversoldUnits})");
Console.WriteLine($"stuck sagas:            {stuck}");
Console.WriteLine($"load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
meter.Print(started.Count);
return stuck == 0 && oversold == 0 && failures == 0 ? 0 : 1;

double Percentile(double p) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];

async Task<(Guid OrderId, long CheckoutStartedAt)> PlaceAsync(int i) => await CheckoutAsync(await FillBasketAsync(i));

async Task<HttpClient> FillBasketAsync(int i)
{
    var client = app.CreateClient();
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", identity.CreateToken(Guid.NewGuid().ToString(), "customer"));
    var rng = new Random(i + 1000);
    foreach (var product in Enumerable.Range(0, LinesPerOrder).Select(_ => products[rng.Next(products.Count)]).DistinctBy(p => p.Id))
    {
        var quantity = product.SoldByWeight ? 0.5m : rng.Next(1, 3);
        (await client.PutAsJsonAsync($"/api/v1/basket/lines/{product.Id}", new UpdateBasketLineRequest(quantity, null, null, null), json)).EnsureSuccessStatusCode();
    }
    return client;
}

async Task<(Guid OrderId, long CheckoutStartedAt)> CheckoutAsync(HttpClient client)
{
    var hold = delivery.AddHold(zone);
    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
    {
        Content = JsonContent.Create(new CheckoutRequest(hold.HoldId, zone.Postcode, null, Grocery.Ordering.Domain.PaymentMethod.CashOnDelivery,
            Address: new CheckoutAddressRequest("Nguyễn Văn An", "+84901234567", "12 Lê Lợi", "Quận 1", zone.Postcode, null, null)), options: json),
    };
    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
    var startedAt = Stopwatch.GetTimestamp();
    using var response = await client.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    var order = await response.Content.ReadFromJsonAsync<OrderResponse>(json);
    return (order!.Id, startedAt);
}

static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
{
    var deadline = Stopwatch.StartNew();
    while (!condition() && deadline.Elapsed < timeout) await Task.Delay(20);
}
