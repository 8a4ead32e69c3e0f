using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Grocery.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.Inventory.Tests;

/// <summary>The Inventory service in-process: real PostgreSQL and Kafka (mock cluster), a fake clock, captured logs.</summary>
public sealed class InventoryApp(string database, string kafka, IReadOnlyDictionary<string, string?> identity) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public ConcurrentQueue<string> Logs { get; } = new();

    public async Task StartAsync()
    {
        _ = Server;
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.ExecuteSqlRawAsync("SELECT 1");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:inventorydb", database);
        builder.UseSetting("ConnectionStrings:kafka", kafka);
        builder.UseSetting("Messaging:ServiceName", "inventory");
        builder.UseSetting("Messaging:OutboxPollInterval", "00:00:00.200");
        // Tests read the outbox after publishing; the relay stamps published rows with the database's
        // clock but prunes them by the fake one, which tests move days ahead, so keep them.
        builder.UseSetting("Messaging:OutboxRetention", "3650.00:00:00");
        // The sweeper and the lot expiry job run on the fake clock: tests move it with Time.Advance.
        builder.UseSetting("Inventory:SweepInterval", "00:01:00");
        // Tests publish stock level changes themselves (InventoryTest.PublishStockLevelsAsync), so rounds are deterministic.
        builder.UseSetting("Inventory:StockLevelPublisherEnabled", "false");
        foreach (var (key, value) in identity) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    public HttpClient ClientFor(TestIdentityServer identity, string userId, params string[] roles) => ClientFor(identity, userId, roles, []);

    public HttpClient ClientFor(TestIdentityServer identity, string userId, string[] roles, System.Security.Claims.Claim[] claims)
    {
        var client = CreateClient();
        // Long-lived: tests move the service's clock forward by days.
        var token = identity.CreateToken(userId, roles, TimeSpan.FromDays(30), extraClaims: claims);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose() { }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
