using Grocery.Contracts.Inventory;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Inventory.Background;

/// <summary>
/// Publishes StockLevelChanged for stock rows whose available crossed a threshold since the last
/// round, with the level as it is now: at most one event per SKU and warehouse per interval, and the
/// last one always carries the current level, so Catalog converges. Replicas share the work
/// (FOR UPDATE SKIP LOCKED); clearing the flags and writing the events commit together.
/// </summary>
public sealed class StockLevelPublisher(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<InventoryOptions> options,
    ILogger<StockLevelPublisher> logger) : RecurringJob(time, logger)
{
    protected override bool Enabled => options.Value.StockLevelPublisherEnabled;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PublishAsync(cancellationToken);

    protected override TimeSpan DelayAfterRun(DateTimeOffset now) => options.Value.StockLevelPublishInterval;

    /// <summary>Publishes every flagged row, one batch per transaction; returns how many events.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var published = await PublishBatchAsync(cancellationToken);
            total += published;
            if (published < options.Value.StockLevelBatchSize) return total;
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>();
        await using var own = await db.Database.BeginTransactionAsync(cancellationToken);
        var transaction = (NpgsqlTransaction)own.GetDbTransaction();
        var now = Time.GetUtcNow();
        var changes = new List<StockLevelChangedIntegrationEvent>();
        await using (var claim = new NpgsqlCommand(InventorySql.ClaimChangedLevels, transaction.Connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Value.StockLevelBatchSize });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var available = reader.GetDecimal(2);
                changes.Add(new StockLevelChangedIntegrationEvent(reader.GetString(1), reader.GetGuid(0), available,
                    StockLevel.StateOf(available, reader.GetDecimal(3)), now));
            }
        }
        foreach (var change in changes) await outbox.AddAsync(change, transaction, cancellationToken);
        await own.CommitAsync(cancellationToken);
        return changes.Count;
    }
}
