using System.Net.Http.Headers;
using Grocery.Ordering.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grocery.Ordering.Tests;

/// <summary>
/// Ordering in-process over its own database (so a second instance over the same database models a
/// restart), with Catalog and Delivery faked over HTTP and Inventory/Delivery replies sent over Kafka.
/// </summary>
public sealed class OrderingApp : WebApplicationFactory<Program>
{
    private readonly OrderingInfrastructure _infrastructure;

    private readonly IReadOnlyDictionary<string, string> _settings;

    private OrderingApp(OrderingInfrastructure infrastructure, string connectionString, string consumerGroup, IReadOnlyDictionary<string, string>? settings)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _infrastructure = infrastructure;
        ConnectionString = connectionString;
        ConsumerGroup = consumerGroup;
    }

    public string ConnectionString { get; }

    public string ConsumerGroup { get; }

    public static async Task<OrderingApp> StartAsync(OrderingInfrastructure infrastructure, string? connectionString = null, string? consumerGroup = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        connectionString ??= await infrastructure.NewDatabaseAsync();
        await MigrateAsync(connectionString);
        var app = new OrderingApp(infrastructure, connectionString, consumerGroup ?? $"ordering-{Guid.NewGuid():N}", settings);
        _ = app.Server; // starts the host: the bus, the relay and the timeout worker run from here on
        return app;
    }

    /// <summary>Migrates before the host starts, as the migration step does in the real system.</summary>
    private static async Task MigrateAsync(string connectionString)
    {
        await using var db = Database(connectionString);
        await db.Database.MigrateAsync();
    }

    /// <summary>A context over an instance's database that needs no running instance.</summary>
    public static OrderingDbContext Database(string connectionString) => new(new DbContextOptionsBuilder<OrderingDbContext>()
        .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings(_infrastructure, ConnectionString, ConsumerGroup, _settings)) builder.UseSetting(key, value);
    }

    /// <summary>The configuration of an Ordering instance under test, in process or as a child process.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings(OrderingInfrastructure infrastructure, string connectionString, string consumerGroup,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:orderingdb"] = connectionString,
            ["ConnectionStrings:cache"] = infrastructure.Redis.ConnectionString,
            ["ConnectionStrings:kafka"] = infrastructure.Kafka,
            ["Database:MigrateOnStartup"] = "false",
            ["Messaging:ConsumerGroup"] = consumerGroup,
            ["Ordering:CatalogUrl"] = infrastructure.Catalog.Url,
            ["Ordering:DeliveryUrl"] = infrastructure.Delivery.Url,
            ["Ordering:IdentityUrl"] = infrastructure.IdentityProfiles.Url,
            ["Ordering:InventoryUrl"] = infrastructure.Inventory.Url,
            ["Ordering:TimeoutSweepInterval"] = "00:00:00.200",
            // A packed order is resumed by the next sweep: racing the pack endpoint's own payment step shows it happens once.
            ["Ordering:PackedResumeAfter"] = "00:00:00",
            // Card payments resume from webhooks in tests; the poll (which would hide a lost webhook) is tested on its own instance.
            ["Ordering:PaymentPollInterval"] = "1.00:00:00",
            // Restart tests hand the group to a new instance. The mock cluster is slow to rebalance after
            // a member leaves, and a killed member holds its partitions until its session expires (45 s by default).
            ["Messaging:KafkaConsumer:session.timeout.ms"] = "6000",
            ["Messaging:KafkaConsumer:heartbeat.interval.ms"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:StackExchange.Redis"] = "Error",
        };
        foreach (var (key, value) in infrastructure.Identity.ServiceConfiguration) settings[key] = value ?? "";
        foreach (var (key, value) in infrastructure.Stripe.Settings) settings[key] = value;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    public HttpClient ClientFor(string userId, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            _infrastructure.Identity.CreateToken(userId, roles.Length == 0 ? ["customer"] : roles));
        return client;
    }

    /// <summary>A member of warehouse staff (picker by default) assigned to <paramref name="warehouseId"/>.</summary>
    public HttpClient StaffClientFor(string userId, Guid warehouseId, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            _infrastructure.Identity.CreateStaffToken(userId, warehouseId, roles.Length == 0 ? ["picker"] : roles));
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<OrderingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrderingDbContext>());
    }
}
