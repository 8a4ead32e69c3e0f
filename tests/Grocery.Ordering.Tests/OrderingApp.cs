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
        await using var db = new OrderingDbContext(new DbContextOptionsBuilder<OrderingDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history")).Options);
        await db.Database.MigrateAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:orderingdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:cache", _infrastructure.Redis.ConnectionString);
        builder.UseSetting("ConnectionStrings:kafka", _infrastructure.Kafka);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Messaging:ConsumerGroup", ConsumerGroup);
        builder.UseSetting("Ordering:CatalogUrl", _infrastructure.Catalog.Url);
        builder.UseSetting("Ordering:DeliveryUrl", _infrastructure.Delivery.Url);
        builder.UseSetting("Ordering:TimeoutSweepInterval", "00:00:00.200");
        // A restart test hands the group to a new instance; a member that did not leave cleanly holds
        // its partitions until its session expires (45 s by default), which would only slow the test.
        builder.UseSetting("Messaging:KafkaConsumer:session.timeout.ms", "6000");
        builder.UseSetting("Messaging:KafkaConsumer:heartbeat.interval.ms", "1000");
        foreach (var (key, value) in _infrastructure.Identity.ServiceConfiguration) builder.UseSetting(key, value);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:StackExchange.Redis", "Error");
    }

    public HttpClient ClientFor(string userId, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            _infrastructure.Identity.CreateToken(userId, roles.Length == 0 ? ["customer"] : roles));
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<OrderingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrderingDbContext>());
    }
}
