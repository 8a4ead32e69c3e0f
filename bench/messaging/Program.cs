using System.Diagnostics;
using Confluent.Kafka;
using Grocery.Messaging;
using Grocery.Messaging.Bench;
using Grocery.Messaging.Outbox;
using Grocery.Messaging.TestWorker;
using Grocery.Messaging.Topics;
using Grocery.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Outbox → Kafka (librdkafka mock cluster) → handler with inbox, all on this machine.
const int BurstEvents = 10_000;
const int SteadyRate = 1_000;
const int SteadySeconds = 10;
const int Keys = 1_000;

await using var postgres = await PostgresServer.StartAsync();
var brokers = int.Parse(Environment.GetEnvironmentVariable("BENCH_BROKERS") ?? "3");
using var cluster = KafkaMockCluster.Start(brokers);
var kafka = cluster.BootstrapServers;

var database = await postgres.CreateDatabaseAsync("bench");
await TestBus.MigrateAsync(database);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<LatencyRecorder>();
builder.Services.AddDbContext<TestDbContext>(o => o.UseNpgsql(database));
builder.AddEventBus<TestDbContext>("kafka", o =>
    {
        o.ServiceName = "bench";
        o.BootstrapServers = kafka;
        o.Topics = TestBus.Registry("bench.events");
        o.TopicCreation = TopicCreationMode.MetadataRequest;
        if (Environment.GetEnvironmentVariable("BENCH_LANES") is { } lanes) o.ConsumerConcurrency = int.Parse(lanes);
    })
    .AddSubscription<CounterIncrementedIntegrationEvent, BenchHandler>();
using var host = builder.Build();
await host.StartAsync();
var recorder = host.Services.GetRequiredService<LatencyRecorder>();

// Warm-up: JIT, connection pools, consumer group join.
await WriteAsync(0, 200, batch: 50);
await WaitForAsync(200);
recorder.Reset();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at start; Kafka: librdkafka mock cluster, {brokers} brokers, in this process");
Console.WriteLine($"Burst: {BurstEvents:N0} events committed to the outbox in one transaction, then relayed and handled");
var writeStarted = Stopwatch.StartNew();
await WriteAsync(0, BurstEvents, batch: BurstEvents);
var committed = DateTimeOffset.UtcNow;
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
Console.WriteLine($"  outbox write (EF Core, one SaveChanges): {writeStarted.ElapsedMilliseconds:N0} ms");
await WaitForAsync(BurstEvents);
var drain = recorder.LastHandled - committed;
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
Console.WriteLine($"  bench process CPU while draining: {cpu.TotalMilliseconds:N0} ms ({cpu.TotalMilliseconds * 1000 / BurstEvents:N0} µs per event, relay + consumer + handler)");
var (p50, p99, max) = recorder.Percentiles(committed);
Console.WriteLine($"  outbox-to-handler throughput: {BurstEvents / drain.TotalSeconds:N0} events/s ({drain.TotalMilliseconds:N0} ms from commit to the last handler)");
Console.WriteLine($"  of which the relay took {(await LastPublishedAsync() - committed).TotalMilliseconds:N0} ms to publish and mark every row");
Console.WriteLine($"  commit-to-handler latency: p50 {p50:N1} ms, p99 {p99:N1} ms, max {max:N1} ms");

recorder.Reset();
Console.WriteLine($"Burst with concurrent writers: {BurstEvents:N0} events by 4 writers in transactions of 50 events");
var burst = Stopwatch.StartNew();
var burstStarted = DateTimeOffset.UtcNow;
await Task.WhenAll(Enumerable.Range(0, 4).Select(w => WriteAsync(20_000 + w * BurstEvents / 4, BurstEvents / 4, batch: 50)));
var written = burst.Elapsed;
await WaitForAsync(BurstEvents);
var total = recorder.LastHandled - burstStarted;
(p50, p99, max) = recorder.Percentiles();
Console.WriteLine($"  written in {written.TotalMilliseconds:N0} ms; last handled {total.TotalMilliseconds:N0} ms after the first write: {BurstEvents / total.TotalSeconds:N0} events/s");
Console.WriteLine($"  the relay had published every row {(await LastPublishedAsync() - burstStarted).TotalMilliseconds:N0} ms after the first write");
Console.WriteLine($"  write-to-handler latency: p50 {p50:N1} ms, p99 {p99:N1} ms, max {max:N1} ms");

recorder.Reset();
var steadyEvents = SteadyRate * SteadySeconds;
Console.WriteLine($"Steady: {SteadyRate:N0} events/s for {SteadySeconds} s ({steadyEvents:N0} events, a transaction of 10 events every 10 ms)");
using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10)))
{
    var steady = Stopwatch.StartNew();
    var sent = 0;
    while (sent < steadyEvents)
    {
        await timer.WaitForNextTickAsync();
        // Catch up when a tick was late, so the offered rate stays at SteadyRate.
        var due = Math.Min(steadyEvents, (int)(steady.Elapsed.TotalSeconds * SteadyRate) + 10);
        while (sent < due)
        {
            var count = Math.Min(10, due - sent);
            await WriteAsync(100_000 + sent, count, batch: count);
            sent += count;
        }
    }
}
await WaitForAsync(steadyEvents);
(p50, p99, max) = recorder.Percentiles();
Console.WriteLine($"  end-to-end latency: p50 {p50:N1} ms, p99 {p99:N1} ms, max {max:N1} ms");

Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
await host.StopAsync();

async Task WriteAsync(int first, int count, int batch)
{
    for (var start = first; start < first + count; start += batch)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        for (var i = start; i < Math.Min(start + batch, first + count); i++)
            outbox.Add(new CounterIncrementedIntegrationEvent($"order-{i % Keys}", i, $"c{i}"));
        await db.SaveChangesAsync();
    }
}

async Task<DateTimeOffset> LastPublishedAsync()
{
    await using var connection = new Npgsql.NpgsqlConnection(database);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand("SELECT max(published_at) FROM messaging.outbox_messages", connection);
    return (DateTimeOffset)(DateTime)(await command.ExecuteScalarAsync())!;
}

async Task WaitForAsync(int count)
{
    var deadline = Stopwatch.StartNew();
    while (recorder.Count < count)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"Only {recorder.Count} of {count} events were handled.");
        await Task.Delay(5);
    }
}
