using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Grocery.Inventory.Stock;
using Npgsql;

namespace Grocery.Inventory.Background;

/// <summary>
/// Group commit for reservations made outside a transaction (the HTTP path). Each lane keeps one
/// connection and sends everything that arrived while its previous call ran as one autocommitted
/// call of inventory_reserve_batch: per order the outcome is what it would be alone (all or nothing,
/// in arrival order), while the round trip, the plan, the row locks and the commit are shared. Under
/// light load a batch is a single order and goes at once; nothing waits for a timer.
/// </summary>
public sealed partial class ReservationBatcher(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<InventoryOptions> options,
    StockLevelPublisher levels,
    ILogger<ReservationBatcher> logger) : BackgroundService
{
    /// <summary>Names the lanes' connections in pg_stat_activity (and gives them a pool of their own).</summary>
    public const string ApplicationName = "inventory-reservations";

    private const int Attempts = 3;

    private readonly Channel<PendingReservation> queue = Channel.CreateBounded<PendingReservation>(
        new BoundedChannelOptions(options.Value.ReservationQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    public async Task<ReservationView> ReserveAsync(ReserveStock command, CancellationToken ct)
    {
        var pending = new PendingReservation(command);
        await queue.Writer.WriteAsync(pending, ct);
        // Once queued the order will be decided; a caller that gives up only stops waiting for it.
        return await pending.Result.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = new NpgsqlConnectionStringBuilder(
                scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Database.GetConnectionString()
                ?? throw new InvalidOperationException("The inventory database has no connection string."))
            {
                ApplicationName = ApplicationName,
            }.ConnectionString;
        }
        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.Value.ReservationLanes).Select(_ => RunLaneAsync(connectionString, stoppingToken)));
        }
        finally
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var abandoned)) abandoned.Result.TrySetCanceled(stoppingToken);
        }
    }

    private async Task RunLaneAsync(string connectionString, CancellationToken stoppingToken)
    {
        var batch = new List<PendingReservation>(options.Value.ReservationBatchSize);
        var orders = new HashSet<Guid>();
        // A repeat of an order already in the batch waits for the next one, where it finds the stored reservation.
        var carried = new Queue<PendingReservation>();
        NpgsqlConnection? connection = null;
        try
        {
            while (true)
            {
                if (carried.Count == 0 && !await queue.Reader.WaitToReadAsync(stoppingToken)) return;
                var waiting = carried.Count;
                for (var i = 0; i < waiting; i++)
                {
                    var next = carried.Dequeue();
                    if (orders.Add(next.Command.OrderId)) batch.Add(next); else carried.Enqueue(next);
                }
                while (batch.Count < options.Value.ReservationBatchSize && queue.Reader.TryRead(out var next))
                {
                    if (orders.Add(next.Command.OrderId)) batch.Add(next); else carried.Enqueue(next);
                }

                connection = await ExecuteAsync(connection, connectionString, batch, stoppingToken);
                batch.Clear();
                orders.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            foreach (var pending in batch.Concat(carried)) pending.Result.TrySetCanceled(stoppingToken);
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs one batch, retrying a deadlock or a lost connection (after a PostgreSQL restart). A retry
    /// is safe because reserving is idempotent by order id: an order the lost call did commit comes
    /// back as a repeat. Returns the connection to use next (null when it had to be dropped).
    /// </summary>
    private async Task<NpgsqlConnection?> ExecuteAsync(
        NpgsqlConnection? connection, string connectionString, List<PendingReservation> batch, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (connection is null)
                {
                    connection = new NpgsqlConnection(connectionString);
                    await connection.OpenAsync(ct);
                }
                var results = await ReservationStatement.ExecuteAsync(connection, null, [.. batch.Select(p => p.Command)],
                    time.GetUtcNow(), options.Value.PendingReservationLifetime, ct);
                levels.StockChanged();
                for (var i = 0; i < batch.Count; i++)
                {
                    if (results[i] is { } reservation) batch[i].Result.TrySetResult(reservation);
                    else batch[i].Result.TrySetException(new UnknownWarehouseException(batch[i].Command.WarehouseId));
                }
                return connection;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var broken = connection is null || connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || e is not PostgresException;
                if (broken && connection is not null)
                {
                    await connection.DisposeAsync();
                    NpgsqlConnection.ClearPool(connection);
                    connection = null;
                }
                if (attempt < Attempts && IsRetryable(e))
                {
                    LogRetrying(e, batch.Count, attempt);
                    continue;
                }
                foreach (var pending in batch) pending.Result.TrySetException(e);
                return connection;
            }
        }
    }

    private static bool IsRetryable(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
            or NpgsqlException { IsTransient: true };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} reservations failed (attempt {Attempt}); retrying")]
    private partial void LogRetrying(Exception exception, int count, int attempt);

    private sealed class PendingReservation(ReserveStock command)
    {
        public ReserveStock Command { get; } = command;

        public TaskCompletionSource<ReservationView> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
