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
/// really exposes: the Inventory service runs here as it runs in its container (its own process,
/// real PostgreSQL, Kafka through librdkafka's mock cluster), receives an order event and a
/// message it cannot read, and its /metrics is scraped until every name has appeared.
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
    public async Task A_running_service_exposes_every_metric_the_rules_dashboards_and_autoscaler_read()
    {
        var expected = ExpectedMetricNames();
        Assert.Contains("grocery_messaging_outbox_backlog", expected);
        Assert.Contains("http_server_request_duration_seconds_bucket", expected);
        Assert.Contains("grocery_messaging_dead_letters_total", expected);
        Assert.Contains("grocery_messaging_handler_duration_seconds_count", expected);
        Assert.DoesNotContain("http_route", expected);

        await using var postgres = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);
        using var kafka = KafkaMockCluster.Start();
        await using var identity = await TestIdentityServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("inventory", TestContext.Current.CancellationToken);
        var port = FreePort.Next();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        await using var inventory = StartInventory(port, database, kafka.BootstrapServers, identity);
        await UntilAsync(async () => (await TryGetAsync(http, "/health"))?.IsSuccessStatusCode == true, "Inventory became healthy", inventory);
        await ProduceAsync(kafka.BootstrapServers);

        var missing = expected.ToHashSet();
        await UntilAsync(async () =>
        {
            var response = await TryGetAsync(http, "/metrics");
            if (response is null || !response.IsSuccessStatusCode) return false;
            var exposed = ExposedNames(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            missing.ExceptWith(exposed);
            return missing.Count == 0;
        }, "every metric appeared", inventory, onTimeout: () => "missing: " + string.Join(", ", missing));
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

    private static ChildProcess StartInventory(int port, string database, string kafka, TestIdentityServer identity)
    {
        var configuration = typeof(MetricNamesTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var directory = Path.Combine(Tool.RepositoryRoot(), "Grocery.Inventory", "bin", configuration, "net10.0");
        var info = new ProcessStartInfo("dotnet", [Path.Combine(directory, "Grocery.Inventory.dll")]) { WorkingDirectory = directory };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ConnectionStrings__inventorydb"] = database;
        info.Environment["ConnectionStrings__kafka"] = kafka;
        info.Environment["Messaging__ServiceName"] = ResourceNames.Inventory;
        info.Environment["Messaging__OutboxPollInterval"] = "00:00:00.200";
        foreach (var (key, value) in identity.ServiceConfiguration) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        return ChildProcess.Start(info);
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

    private static async Task<HttpResponseMessage?> TryGetAsync(HttpClient http, string path)
    {
        try { return await http.GetAsync(path, TestContext.Current.CancellationToken); }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested) { return null; }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, ChildProcess process, Func<string>? onTimeout = null)
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
