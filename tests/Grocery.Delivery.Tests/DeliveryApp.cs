using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Grocery.Delivery.Apis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Grocery.Delivery.Tests;

/// <summary>
/// The Delivery service in-process on its own database, with a controllable clock. Background jobs
/// are off so tests run the calendar, sweeper and publisher exactly when they mean to; the event bus
/// writes its outbox but relays and consumes nothing (handlers are invoked directly).
/// </summary>
public sealed class DeliveryApp(DeliveryInfrastructure infrastructure, DateTimeOffset start, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    private string? _connectionString;

    public FakeTimeProvider Clock { get; } = new(start);

    public DeliveryInfrastructure Infrastructure => infrastructure;

    public string ConnectionString => _connectionString!;

    /// <summary>When set, every log line the service writes, at every level, with its exception, lands in <see cref="LogLines"/>.</summary>
    public bool CaptureLogs { get; init; }

    public ConcurrentQueue<string> LogLines { get; } = new();

    /// <summary>Registrations applied after the service's own (e.g. a handler that watches a typed client's attempts).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public async Task StartAsync()
    {
        _connectionString = await infrastructure.NewDatabaseAsync();
        _ = Services;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.DeliveryDb}", _connectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Kafka}", "127.0.0.1:9");
        builder.UseSetting("Messaging:TopicCreation", "None");
        builder.UseSetting("Messaging:RelayEnabled", "false");
        builder.UseSetting("Messaging:ConsumerEnabled", "false");
        builder.UseSetting("Delivery:BackgroundJobsEnabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Polly", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        foreach (var (key, value) in infrastructure.Identity.ServiceConfiguration) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureServices?.Invoke(services);
        });
        if (CaptureLogs)
            builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(LogLines))
                .AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
    }

    public HttpClient ClientFor(string userId, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            infrastructure.Identity.CreateToken(userId, roles.Length == 0 ? [ServiceDefaults.GroceryRoles.Customer] : roles));
        return client;
    }

    /// <summary>A staff member assigned to <paramref name="warehouseId"/>.</summary>
    public HttpClient StaffOf(Guid warehouseId, string role, string? userId = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            infrastructure.Identity.CreateStaffToken(userId ?? $"{role}-{Guid.NewGuid():N}", warehouseId, role));
        return client;
    }

    public HttpClient Manager(Guid warehouseId) => StaffOf(warehouseId, ServiceDefaults.GroceryRoles.StoreManager);

    public HttpClient Driver(Guid warehouseId) => StaffOf(warehouseId, ServiceDefaults.GroceryRoles.Driver);

    public HttpClient Admin() => ClientFor("admin-" + Guid.NewGuid().ToString("N"), ServiceDefaults.GroceryRoles.Admin);

    public async Task<T> WithDbAsync<T>(Func<DeliveryDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DeliveryDbContext>());
    }

    /// <summary>Runs a handler the way the bus does: scoped DbContext, one transaction, SaveChanges, commit.</summary>
    public async Task HandleAsync<TEvent, THandler>(TEvent e)
        where TEvent : Contracts.IIntegrationEvent where THandler : Messaging.IIntegrationEventHandler<TEvent>
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var context = new Messaging.IntegrationEventContext(Guid.NewGuid().ToString(), "test", "ordering", DateTimeOffset.UtcNow,
            "key", Guid.NewGuid().ToString(), null, "ordering.events", 0, 0, 1, false);
        await ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider).HandleAsync(e, context, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Every outbox row's payload, whatever its event.</summary>
    public Task<List<string>> AllOutboxAsync() => WithDbAsync(db => db.Database
        .SqlQuery<string>($"SELECT payload::text AS \"Value\" FROM messaging.outbox_messages ORDER BY id")
        .ToListAsync());

    /// <summary>Payloads of outbox rows for one event (e.g. "SlotConfirmed"), oldest first.</summary>
    public Task<List<string>> OutboxAsync(string eventName) => WithDbAsync(db => db.Database
        .SqlQuery<string>($"SELECT payload::text AS \"Value\" FROM messaging.outbox_messages WHERE event_type = {"grocery.delivery." + eventName} ORDER BY id")
        .ToListAsync());

    public async Task<ZoneResponse> CreateZoneAsync(CreateZoneRequest request)
    {
        using var manager = Manager(request.WarehouseId);
        var response = await manager.PostAsJsonAsync("/api/v1/zones", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ZoneResponse>())!;
    }

    public async Task<IReadOnlyList<SlotResponse>> SlotsAsync(Guid zoneId)
    {
        using var anonymous = CreateClient();
        return (await anonymous.GetFromJsonAsync<List<SlotResponse>>($"/api/v1/slots?zoneId={zoneId}"))!;
    }

    /// <summary>A zone with one window every day; postcodes and districts are unique per call.</summary>
    public static CreateZoneRequest ZoneRequest(int capacity = 40, string timeZone = "Asia/Ho_Chi_Minh", string carrier = "inhouse",
        int cutoffMinutes = 120, params (TimeOnly Start, TimeOnly End)[] windows)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        if (windows.Length == 0) windows = [(new TimeOnly(18, 0), new TimeOnly(19, 0)), (new TimeOnly(19, 0), new TimeOnly(20, 0))];
        var templates = Enum.GetValues<DayOfWeek>()
            .SelectMany(day => windows.Select(w => new SlotTemplateRequest(day, w.Start, w.End, capacity, w.Start.Hour >= 19, null, cutoffMinutes)))
            .ToList();
        return new CreateZoneRequest($"Zone {unique}", Guid.NewGuid(), timeZone, 200_000m, 20_000m, 30_000m, 1_000_000m, carrier,
            [$"7{unique}"], [$"Quận {unique}"], templates);
    }
}

internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
