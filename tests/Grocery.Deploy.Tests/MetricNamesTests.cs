using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using Grocery.AppHost.Publishing;

namespace Grocery.Deploy.Tests;

/// <summary>
/// Every metric an alert rule, a dashboard or the autoscaler's adapter reads must be one a service
/// really exposes: Inventory, Ordering and Delivery run here as they run in their containers (their
/// own processes, real PostgreSQL and Redis, Kafka through librdkafka's mock cluster, sample data
/// seeded), Inventory receives an order event and a message it cannot read, Ordering holds an order
/// past its saga deadline that its sweeper cancels, and their /metrics are scraped until every name
/// has appeared.
/// </summary>
public sealed partial class MetricNamesTests(Bundle bundle)
{
    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"\b(?:http|grocery)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [Fact]
    public async Task Running_services_expose_every_metric_the_rules_dashboards_and_autoscaler_read()
    {
        var expected = ExpectedMetricNames();
        Assert.Contains("grocery_messaging_outbox_backlog", expected);
        Assert.Contains("http_server_request_duration_seconds_bucket", expected);
        Assert.Contains("grocery_messaging_dead_letters_total", expected);
        Assert.Contains("grocery_messaging_handler_duration_seconds_bucket", expected);
        Assert.Contains("grocery_ordering_sagas_stuck", expected);
        Assert.Contains("grocery_ordering_order_transitions_total", expected);
        Assert.Contains("grocery_inventory_stock_low", expected);
        Assert.Contains("grocery_delivery_slots_utilisation", expected);
        Assert.DoesNotContain("http_route", expected);

        var ct = TestContext.Current.CancellationToken;
        await using var postgres = await PostgresServer.StartAsync(ct);
        await using var redis = await RedisServer.StartAsync(ct);
        using var kafka = KafkaMockCluster.Start();
        await using var identity = await TestIdentityServer.StartAsync();
        var databases = new Dictionary<string, string>();
        foreach (var database in new[] { ResourceNames.InventoryDb, ResourceNames.OrderingDb, ResourceNames.DeliveryDb })
            databases[database] = await postgres.CreateDatabaseAsync(database, ct);

        var environment = new Dictionary<string, string?>
        {
            [$"ConnectionStrings__{ResourceNames.Kafka}"] = kafka.BootstrapServers,
            [$"ConnectionStrings__{ResourceNames.Cache}"] = redis.ConnectionString,
            ["Messaging__OutboxPollInterval"] = "00:00:00.200",
            ["Inventory__SeedSampleData"] = "true",
            ["Inventory__SampleDataSize"] = "200",
            ["Delivery__SeedSampleData"] = "true",
            // Only so the test need not wait 30 s for a second reading; the rules do not depend on it.
            ["Inventory__MetricsRefreshInterval"] = "00:00:01",
            ["Ordering__MetricsRefreshInterval"] = "00:00:01",
            ["Delivery__MetricsRefreshInterval"] = "00:00:01",
            ["Ordering__TimeoutSweepInterval"] = "00:00:01",
        };
        foreach (var (key, value) in identity.ServiceConfiguration) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var services = new List<RunningService>();
        try
        {
            foreach (var (project, name, database) in new[]
                     {
                         ("Grocery.Inventory", ResourceNames.Inventory, ResourceNames.InventoryDb),
                         ("Grocery.Ordering", ResourceNames.Ordering, ResourceNames.OrderingDb),
                         ("Grocery.Delivery", ResourceNames.Delivery, ResourceNames.DeliveryDb),
                     })
            {
                services.Add(Start(project, name, database, databases[database], environment));
            }
            foreach (var service in services)
                await UntilAsync(async () => (await TryGetAsync(service.Http, "/health"))?.IsSuccessStatusCode == true, $"{service.Name} became healthy", service.Process);

            await ProduceAsync(kafka.BootstrapServers);
            var overdue = await InsertOverdueOrderAsync(databases[ResourceNames.OrderingDb]);

            var missing = expected.ToHashSet();
            var transitionSeen = false;
            await UntilAsync(async () =>
            {
                foreach (var service in services)
                {
                    var response = await TryGetAsync(service.Http, "/metrics");
                    if (response is null || !response.IsSuccessStatusCode) continue;
                    var exposition = await response.Content.ReadAsStringAsync(ct);
                    missing.ExceptWith(ExposedNames(exposition));
                    transitionSeen |= service.Name == ResourceNames.Ordering && TimedOutTransition().IsMatch(exposition);
                }
                return missing.Count == 0 && transitionSeen;
            }, "every metric appeared", services[0].Process,
                onTimeout: () => $"missing: {string.Join(", ", missing)}; Placed->Cancelled (Timeout) of order {overdue} counted: {transitionSeen}\n"
                    + string.Join("\n", services.Skip(1).Select(s => s.Process.Output)));
        }
        finally
        {
            foreach (var service in services) await service.DisposeAsync();
        }
    }

    /// <summary>The sweeper's cancellation of the overdue order, counted by the transition recorder as it committed.</summary>
    [GeneratedRegex(@"^grocery_ordering_order_transitions_total\{(?=[^}]*from=""Placed"")(?=[^}]*reason=""Timeout"")(?=[^}]*to=""Cancelled"")[^}]*\} [1-9]", RegexOptions.Multiline)]
    private static partial Regex TimedOutTransition();

    internal sealed record RunningService(string Name, ChildProcess Process, HttpClient Http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Process.DisposeAsync();
        }
    }

    private HashSet<string> ExpectedMetricNames()
    {
        var folder = Path.Combine(bundle.Directory, KubernetesBundle.ObservabilityFolder);
        var expressions = new List<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(folder, "alert-rules.yml")))
        {
            if (line.TrimStart().StartsWith('#') || line.Contains("summary:", StringComparison.Ordinal) || line.Contains("runbook:", StringComparison.Ordinal)) continue;
            expressions.Add(line);
        }
        foreach (var dashboard in Directory.GetFiles(Path.Combine(folder, "dashboards"), "*.json"))
        {
            var panels = JsonDocument.Parse(File.ReadAllText(dashboard)).RootElement.GetProperty("panels").EnumerateArray();
            expressions.AddRange(panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!));
        }
        expressions.AddRange(File.ReadAllLines(Path.Combine(folder, "prometheus-adapter.yaml")).Where(l => l.Contains("seriesQuery", StringComparison.Ordinal)));

        return [.. expressions
            .Select(e => Groupings().Replace(LabelMatchers().Replace(e, ""), ""))
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .Where(name => name != ServiceSizing.RequestsPerSecondMetric)];
    }

    private static HashSet<string> ExposedNames(string exposition) =>
        [.. exposition.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l[..l.IndexOfAny(['{', ' '])])];

    internal static RunningService Start(string project, string name, string database, string connectionString, IReadOnlyDictionary<string, string?> environment)
    {
        var configuration = typeof(MetricNamesTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var directory = Path.Combine(Tool.RepositoryRoot(), project, "bin", configuration, "net10.0");
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet", [Path.Combine(directory, project + ".dll")]) { WorkingDirectory = directory };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment[$"ConnectionStrings__{database}"] = connectionString;
        info.Environment["Messaging__ServiceName"] = name;
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        return new RunningService(name, ChildProcess.Start(info), http);
    }

    /// <summary>An order whose stock and slot replies never came, past its deadline: the state the stuck-saga gauges report.</summary>
    private static async Task<Guid> InsertOverdueOrderAsync(string connectionString)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var insert = new Npgsql.NpgsqlCommand("""
            INSERT INTO orders ("Id", "UserId", "IdempotencyKey", "RequestHash", "PlacedAt", "WarehouseId", "ZoneId", "SlotId", "SlotHoldId",
                "SlotWindowStart", "SlotWindowEnd", "SlotHoldExpiresAt", "PaymentMethod", "Subtotal", "DeliveryFee", "EstimatedTotal",
                "Status", "Stock", "Slot", "Payment", "Deadline", items, vat, history)
            VALUES (@id, 'metrics-test', @key, 'hash', @placed, @id, @id, @id, @id, @window, @window + interval '1 hour', @window,
                'CashOnDelivery', 100000, 15000, 115000, 'Placed', 'Pending', 'Pending', 'Pending', @deadline, '[]', '[]', '[]')
            """, connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("key", id.ToString());
        insert.Parameters.AddWithValue("placed", now.AddMinutes(-10));
        insert.Parameters.AddWithValue("window", now.AddHours(3));
        insert.Parameters.AddWithValue("deadline", now.AddMinutes(-5));
        await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return id;
    }

    /// <summary>An order event Inventory handles, and a message nobody can read, which goes to the dead-letter topic.</summary>
    private static async Task ProduceAsync(string bootstrapServers)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();
        var order = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var envelope = new
        {
            specversion = "1.0",
            id = Guid.NewGuid(),
            type = "grocery.ordering.OrderCancelled",
            source = "/ordering",
            time = now,
            subject = order.ToString(),
            datacontenttype = "application/json",
            correlationid = Guid.NewGuid().ToString(),
            data = new { orderId = order, reason = "CustomerRequested", cancelledAt = now },
        };
        await producer.ProduceAsync("ordering.events", new Message<string, byte[]> { Key = order.ToString(), Value = JsonSerializer.SerializeToUtf8Bytes(envelope) }, TestContext.Current.CancellationToken);
        await producer.ProduceAsync("ordering.events", new Message<string, byte[]> { Key = Guid.NewGuid().ToString(), Value = Encoding.UTF8.GetBytes("not a cloud event") }, TestContext.Current.CancellationToken);
    }

    internal static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try { return await http.GetAsync(path, TestContext.Current.CancellationToken); }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested) { return null; }
    }

    internal static async Task UntilAsync(Func<Task<bool>> condition, string what, ChildProcess process, Func<string>? onTimeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                Assert.Fail($"Not within 90 s: {what}. {onTimeout?.Invoke()}\n{process.Output}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
