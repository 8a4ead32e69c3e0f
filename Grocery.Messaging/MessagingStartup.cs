using Grocery.Messaging.Kafka;
using Grocery.Messaging.Storage;
using Microsoft.Extensions.Hosting;

namespace Grocery.Messaging;

internal sealed class MessagingStartup<TDbContext>(IServiceScopeFactory scopeFactory, TopicProvisioner provisioner) : IHostedService
    where TDbContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
            if (db.Model.FindEntityType(typeof(OutboxMessage)) is null)
                throw new InvalidOperationException($"{typeof(TDbContext).Name} does not map the messaging tables: call modelBuilder.AddMessagingTables() in OnModelCreating.");
        }
        await provisioner.EnsureTopicsAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
