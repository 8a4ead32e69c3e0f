using Grocery.Messaging.Kafka;
using Grocery.Messaging.Storage;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging;

/// <summary>
/// Runs before the relay and the consumer: the DbContext must map the messaging tables (a wiring
/// error, fatal) and the topics must exist. Kafka being unreachable is not fatal: the outbox keeps
/// the events, and topics are provisioned in the background once the cluster answers.
/// </summary>
internal sealed class MessagingStartup<TDbContext>(
    IServiceScopeFactory scopeFactory,
    TopicProvisioner provisioner,
    EventBusOptions options,
    ILogger<MessagingStartup<TDbContext>> logger) : IHostedService
    where TDbContext : DbContext
{
    // Never disposed: it has no timer, and a host may call StopAsync after disposing its services.
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            if (db.Model.FindEntityType(typeof(OutboxMessage)) is null)
                throw new InvalidOperationException($"{typeof(TDbContext).Name} does not map the messaging tables: call modelBuilder.AddMessagingTables() in OnModelCreating.");
        }
        if (!await TryProvisionAsync(cancellationToken))
            _background = ProvisionUntilDoneAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try { await _background; } catch (OperationCanceledException) { }
    }

    private async Task<bool> TryProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await provisioner.EnsureTopicsAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Kafka topics could not be ensured at {Servers} ({Reason}); retrying in the background", options.BootstrapServers, e.Message);
            return false;
        }
    }

    private async Task ProvisionUntilDoneAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; !await TryProvisionAsync(cancellationToken); attempt++)
            await Task.Delay(options.RetryDelay(attempt) * 10, cancellationToken);
    }
}
