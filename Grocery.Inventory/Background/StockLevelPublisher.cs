using System.Threading.Channels;
using Grocery.Contracts.Inventory;
using Grocery.Inventory.Domain;
using Grocery.Inventory.Stock;
using Grocery.Messaging.Outbox;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Inventory.Background;

/// <summary>
/// Publishes StockLevelChanged for stock rows that changed since the last round, with their level
/// and version as they are now: one event per SKU and warehouse per round whatever the number of
/// changes, and the last one always carries the current level, so consumers converge. Replicas share
/// the work (FOR UPDATE SKIP LOCKED); taking the marks (stock_changes) and writing the events commit together.
/// Rounds start at least <see cref="InventoryOptions.StockLevelPublishInterval"/> apart, and the next one
/// starts as soon as that allows when this replica changed stock (<see cref="StockChanged"/>), so a lone
/// reservation reaches the live read model at once while a busy row still yields one event per interval.
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

    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Stock changed in this replica and is committed: the next round need not wait for the interval to run out.</summary>
    public void StockChanged() => _changed.Writer.TryWrite(true);

    protected override Task WaitForNextRunAsync(DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        WaitForNextRoundAsync(startedAt, cancellationToken);

    internal async Task WaitForNextRoundAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var interval = options.Value.StockLevelPublishInterval;
        // Without a signal the next round runs an interval after this one ended: changes made by other replicas,
        // and in event handlers' transactions (they commit after the handler returns), wait at most that long.
        var deadline = Time.GetUtcNow() + interval;
        var spacing = startedAt + interval - Time.GetUtcNow();
        if (spacing > TimeSpan.Zero) await Task.Delay(spacing, Time, cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rest = deadline - Time.GetUtcNow();
        if (rest > TimeSpan.Zero)
        {
            await Task.WhenAny(_changed.Reader.WaitToReadAsync(wait.Token).AsTask(), Task.Delay(rest, Time, wait.Token));
            await wait.CancelAsync();
        }
        cancellationToken.ThrowIfCancellationRequested();
        // Taken before the round: a change signalled while it runs may be one it skipped (SKIP LOCKED), so it wakes the next.
        _changed.Reader.TryRead(out _);
    }

    /// <summary>Publishes every row marked changed once, one batch per transaction in key order; returns how many events.</summary>
    public async Task<int> PublishAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        (Guid WarehouseId, string Sku)? after = null;
        while (true)
        {
            var changes = await PublishBatchAsync(after, cancellationToken);
            total += changes.Count;
            if (changes.Count < options.Value.StockLevelBatchSize) return total;
            // In the database's key order, which is not .NET's for uuids or text.
            after = (changes[^1].WarehouseId, changes[^1].Sku);
        }
    }

    private async Task<List<StockLevelChangedIntegrationEvent>> PublishBatchAsync((Guid WarehouseId, string Sku)? after, CancellationToken cancellationToken)
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
            claim.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = after is { } a ? a.WarehouseId : DBNull.Value });
            claim.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = after is { } b ? b.Sku : DBNull.Value });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var available = reader.GetDecimal(2);
                changes.Add(new StockLevelChangedIntegrationEvent(reader.GetString(1), reader.GetGuid(0), available,
                    StockLevel.StateOf(available, reader.GetDecimal(3)), now, reader.GetInt64(4)));
            }
        }
        foreach (var change in changes) await outbox.AddAsync(change, transaction, cancellationToken);
        await own.CommitAsync(cancellationToken);
        return changes;
    }
}
