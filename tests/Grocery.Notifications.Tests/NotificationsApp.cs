using System.Net.Http.Headers;
using Grocery.Contracts;
using Grocery.Messaging;
using Grocery.Messaging.Outbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grocery.Notifications.Tests;

/// <summary>
/// The notifier in-process on its own database, consuming a Kafka mock cluster of its own (so no
/// other app's events reach it), with a stand-in publisher whose outbox sends Ordering's and
/// Delivery's events to that cluster exactly as those services do.
/// </summary>
public sealed class NotificationsApp(NotificationsInfrastructure infrastructure, int smtpPort, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    private readonly KafkaMockCluster _kafka = KafkaMockCluster.Start();
    private string? _connectionString;
    private IHost? _publisher;

    public string ConnectionString => _connectionString!;

    public async Task StartAsync()
    {
        _connectionString = await infrastructure.NewDatabaseAsync();
        _ = Services;
        var publisherDb = await infrastructure.NewDatabaseAsync();
        await using (var db = Persistence.DesignTimeDbContextFactory<NotificationsDbContext>.Create(publisherDb))
            await db.Database.MigrateAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<NotificationsDbContext>(o => o.UseNpgsql(publisherDb, n => n.MigrationsHistoryTable(Persistence.DatabaseExtensions.MigrationsHistoryTable)));
        builder.AddEventBus<NotificationsDbContext>(ResourceNames.Kafka, o =>
        {
            o.BootstrapServers = _kafka.BootstrapServers;
            o.ServiceName = "ordering";
            o.ConsumerEnabled = false;
            o.OutboxPollInterval = TimeSpan.FromMilliseconds(100);
        });
        _publisher = builder.Build();
        await _publisher.StartAsync();
    }

    public string BootstrapServers => _kafka.BootstrapServers;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.NotificationsDb}", _connectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Kafka}", _kafka.BootstrapServers);
        builder.UseSetting("Messaging:ConsumerGroup", "notifications");
        builder.UseSetting("Messaging:MaxAttempts", "3");
        builder.UseSetting("Messaging:RetryBaseDelay", "00:00:00.050");
        builder.UseSetting("Messaging:RetryMaxDelay", "00:00:00.200");
        builder.UseSetting("Messaging:OutboxPollInterval", "00:00:00.100");
        builder.UseSetting("Notifications:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Notifications:Smtp:Port", smtpPort.ToString());
        builder.UseSetting("Notifications:Smtp:Security", "None");
        builder.UseSetting("Notifications:Smtp:Timeout", "00:00:05");
        builder.UseSetting("Notifications:IdentityUrl", infrastructure.Contacts.Url);
        builder.UseSetting("Notifications:StorefrontUrl", "https://shop.example.test");
        builder.UseSetting("Notifications:BackgroundJobsEnabled", "false");
        builder.UseSetting("Notifications:Mail:PollInterval", "00:00:00.100");
        builder.UseSetting("Notifications:Mail:MaxAttempts", "3");
        builder.UseSetting("Notifications:Mail:RetryBaseDelay", "00:00:00.050");
        builder.UseSetting("Notifications:Mail:RetryMaxDelay", "00:00:00.200");
        builder.UseSetting("ServiceAuth:ClientId", "notifications");
        builder.UseSetting("ServiceAuth:ClientSecret", NotificationsInfrastructure.ClientSecret);
        builder.UseSetting("ServiceAuth:TokenEndpoint", $"{infrastructure.Contacts.Url}/api/v1/auth/token");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Polly", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        foreach (var (key, value) in infrastructure.Identity.ServiceConfiguration) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }

    /// <summary>Publishes the events in one outbox transaction, as the owning services do; the relay keeps their order per key.</summary>
    public async Task PublishAsync(params IIntegrationEvent[] events)
    {
        await using var scope = _publisher!.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
        foreach (var e in events) outbox.Add(e);
        await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().SaveChangesAsync();
    }

    public HttpClient ClientFor(Guid userId, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            infrastructure.Identity.CreateToken(userId.ToString(), roles.Length == 0 ? [GroceryRoles.Customer] : roles));
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<NotificationsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.StopAsync();
            _publisher.Dispose();
        }
        await base.DisposeAsync();
        _kafka.Dispose();
    }
}
