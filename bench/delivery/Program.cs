using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grocery.Delivery.Apis;
using Grocery.ServiceDefaults;
using Grocery.Testing;
using Npgsql;

// Slot holds under contention: 1,000 shoppers hammer 50 slots through the HTTP API of a Release
// build of Grocery.Delivery running as its own process on real PostgreSQL. Prints holds/s, latency
// percentiles and an overbooking audit taken from the database afterwards.
const int Shoppers = 1000;
const int SlotCount = 50;
const int CapacityPerSlot = 15;
var workers = int.Parse(Environment.GetEnvironmentVariable("BENCH_WORKERS") ?? "64");
var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "20"));
var serviceDll = args.Length > 0 ? args[0] : throw new ArgumentException("usage: bench <path to Grocery.Delivery.dll>");

await using var postgres = await PostgresServer.StartAsync();
await using var identity = await TestIdentityServer.StartAsync();
var database = await postgres.CreateDatabaseAsync("delivery_bench");
var port = FreePort.Next();
var baseAddress = new Uri($"http://127.0.0.1:{port}");

var start = new ProcessStartInfo("dotnet", [serviceDll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(serviceDll)! };
start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
start.Environment[$"ConnectionStrings__{ResourceNames.DeliveryDb}"] = database;
start.Environment[$"ConnectionStrings__{ResourceNames.Kafka}"] = "127.0.0.1:9";
start.Environment["Messaging__TopicCreation"] = "None";
start.Environment["Messaging__RelayEnabled"] = "false";
start.Environment["Messaging__ConsumerEnabled"] = "false";
start.Environment["Logging__LogLevel__Default"] = "Warning";
start.Environment["OTEL_METRICS_EXPORTER"] = "none";
foreach (var (key, value) in identity.ServiceConfiguration) start.Environment[key.Replace(":", "__")] = value;
using var service = Process.Start(start)!;
service.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[delivery] {e.Data}"); };
service.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[delivery] {e.Data}"); };
service.BeginOutputReadLine();
service.BeginErrorReadLine();

try
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = baseAddress };
    for (var ready = false; !ready;)
    {
        try { ready = (await http.GetAsync("/alive")).IsSuccessStatusCode; }
        catch (HttpRequestException) { await Task.Delay(200); }
        if (service.HasExited) throw new InvalidOperationException("Grocery.Delivery exited during start-up.");
    }

    var windows = Enumerable.Range(0, 8).Select(i => (Start: new TimeOnly(14 + i, 0), End: new TimeOnly(15 + i, 0))).ToList();
    var zoneRequest = new CreateZoneRequest("Bench zone", Guid.NewGuid(), "Asia/Ho_Chi_Minh", 200_000m, 20_000m, 30_000m, null, "inhouse",
        ["700000"], ["Quận 1"],
        Enum.GetValues<DayOfWeek>().SelectMany(d => windows.Select(w => new SlotTemplateRequest(d, w.Start, w.End, CapacityPerSlot, w.Start.Hour >= 18, null, 60))).ToList());
    using (var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/zones") { Content = JsonContent.Create(zoneRequest) })
    {
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", identity.CreateToken("bench-manager", GroceryRoles.StoreManager));
        var created = await http.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var zone = (await created.Content.ReadFromJsonAsync<ZoneResponse>())!;
        var slots = (await http.GetFromJsonAsync<List<SlotResponse>>($"/api/v1/slots?zoneId={zone.Id}"))!
            .Where(s => s.Available).Take(SlotCount).Select(s => s.Id).ToArray();
        if (slots.Length < SlotCount) throw new InvalidOperationException($"Only {slots.Length} bookable slots.");

        var tokens = Enumerable.Range(0, Shoppers).Select(i => identity.CreateToken($"shopper-{i}", [GroceryRoles.Customer], TimeSpan.FromHours(1))).ToArray();
        Console.WriteLine($"Delivery slot holds: {Shoppers} shoppers, {SlotCount} slots x {CapacityPerSlot} places, {workers} concurrent connections, {duration.TotalSeconds:0}s (+3s warm-up)");

        await ChurnAsync(TimeSpan.FromSeconds(2));
        var churn = await ChurnAsync(duration);
        churn.Latencies.Sort();
        Console.WriteLine($"churn (each worker's own shoppers hold a random slot, then release it; nothing is ever full):");
        Console.WriteLine($"  holds granted:   {churn.Held} ({churn.Held / churn.Elapsed.TotalSeconds:0} holds/s) with as many releases; refused: {churn.Refused}, errors: {churn.Errors}");
        Console.WriteLine($"  hold latency ms: p50 {Percentile(churn.Latencies, 0.50):0.0}  p90 {Percentile(churn.Latencies, 0.90):0.0}  p99 {Percentile(churn.Latencies, 0.99):0.0}  max {churn.Latencies[^1]:0.0}");

        Console.WriteLine("contention (random shoppers, random slots, until every place is taken and beyond):");
        await RunAsync(TimeSpan.FromSeconds(3), record: false);
        var (latencies, held, refused, errors, elapsed) = await RunAsync(duration, record: true);

        latencies.Sort();
        double P(double q) => Percentile(latencies, q);
        Console.WriteLine($"requests:        {latencies.Count} ({latencies.Count / elapsed.TotalSeconds:0} holds/s attempted)");
        Console.WriteLine($"holds granted:   {held} ({held / elapsed.TotalSeconds:0}/s; moves included), refused full/closed: {refused}, errors: {errors}");
        Console.WriteLine($"latency ms:      p50 {P(0.50):0.0}  p90 {P(0.90):0.0}  p99 {P(0.99):0.0}  max {latencies[^1]:0.0}");

        await using var db = NpgsqlDataSource.Create(database);
        await using var audit = db.CreateCommand("""
            SELECT count(*) FILTER (WHERE s.held + s.confirmed > s.capacity),
                   count(*) FILTER (WHERE s.held <> (SELECT count(*) FROM delivery.slot_holds h WHERE h.slot_id = s.id AND h.status = 'Active')),
                   coalesce(sum(s.held), 0), coalesce(sum(s.capacity), 0)
              FROM delivery.slots s WHERE s.id = ANY($1)
            """);
        audit.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = slots });
        await using var reader = await audit.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine($"overbooked slots: {reader.GetInt64(0)}, slots whose held count differs from their active holds: {reader.GetInt64(1)}, held {reader.GetInt64(2)} of {reader.GetInt64(3)} places");
        await using var perShopper = db.CreateCommand("SELECT count(*) FROM (SELECT user_id FROM delivery.slot_holds WHERE status = 'Active' GROUP BY user_id HAVING count(*) > 1) x");
        Console.WriteLine($"shoppers with more than one active hold: {await perShopper.ExecuteScalarAsync()}");

        async Task<(List<double> Latencies, long Held, long Refused, long Errors, TimeSpan Elapsed)> ChurnAsync(TimeSpan length)
        {
            long heldCount = 0, refusedCount = 0, errorCount = 0;
            var all = new List<double>[workers];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                var random = new Random(w * 104729);
                var mine = all[w] = new List<double>(65536);
                for (var turn = 0; clock.Elapsed < length; turn++)
                {
                    // Shoppers w, w + workers, ... belong to this worker alone, so a hold is never moved by another worker.
                    var token = tokens[(w + turn * workers) % Shoppers];
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/slots/{slots[random.Next(SlotCount)]}/holds");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
                    {
                        Interlocked.Increment(ref response.StatusCode == HttpStatusCode.Conflict ? ref refusedCount : ref errorCount);
                        continue;
                    }
                    if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref heldCount);
                    var hold = await response.Content.ReadFromJsonAsync<SlotHoldResponse>();
                    using var release = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/slots/holds/{hold!.HoldId}");
                    release.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var released = await http.SendAsync(release);
                    if (!released.IsSuccessStatusCode) Interlocked.Increment(ref errorCount);
                }
            })));
            return (all.SelectMany(l => l).ToList(), heldCount, refusedCount, errorCount, clock.Elapsed);
        }

        async Task<(List<double> Latencies, long Held, long Refused, long Errors, TimeSpan Elapsed)> RunAsync(TimeSpan length, bool record)
        {
            long heldCount = 0, refusedCount = 0, errorCount = 0;
            var all = new List<double>[workers];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                var random = new Random(w * 7919 + (record ? 1 : 0));
                var mine = all[w] = new List<double>(65536);
                while (clock.Elapsed < length)
                {
                    var shopper = random.Next(Shoppers);
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/slots/{slots[random.Next(SlotCount)]}/holds");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[shopper]);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (response.StatusCode is HttpStatusCode.Created) Interlocked.Increment(ref heldCount);
                    else if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.OK) Interlocked.Increment(ref refusedCount);
                    else Interlocked.Increment(ref errorCount);
                }
            })));
            return (all.SelectMany(l => l).ToList(), heldCount, refusedCount, errorCount, clock.Elapsed);
        }
    }
}
finally
{
    if (!service.HasExited) service.Kill(entireProcessTree: true);
    await service.WaitForExitAsync();
}

static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
