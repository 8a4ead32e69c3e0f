using Google.Cloud.Firestore.V1;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grocery.Firestore.Projection;

/// <summary>
/// Sends the latest state of changed documents to Firestore. Only the newest version recorded in
/// PostgreSQL is ever sent, and one flusher at a time per database (an advisory lock held across
/// the Commit), so Firestore ends at the checkpoint's state even though the emulator ignores
/// preconditions. A crash after the Commit re-sends the same state: idempotent.
/// </summary>
public sealed class LiveDocumentFlusher<TDbContext>(
    IServiceScopeFactory scopes,
    IFirestoreClient firestore,
    IOptions<FirestoreProjectionOptions> options,
    FirestoreProjectionStatus status,
    TimeProvider time,
    ILogger<LiveDocumentFlusher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    // One flusher per database across replicas; any constant distinct from the service's other advisory locks.
    private const long AdvisoryLockKey = 0x4669726573746f72; // "Firestor"

    public const string UpdatedAtField = "updatedAt";

    /// <summary>Sends one batch; returns how many documents were written (0 when another replica holds the lock).</summary>
    public async Task<int> FlushOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
                if (!(bool)(await lockCommand.ExecuteScalarAsync(cancellationToken))!)
                {
                    return 0;
                }
            }
            var now = time.GetUtcNow();
            var pending = await LiveDocumentStore.PendingAsync(connection, transaction, now, settings.MinimumWriteInterval, settings.BatchSize, cancellationToken);
            if (pending.Count == 0)
            {
                return 0;
            }
            await firestore.CommitAsync(ToCommit(pending), cancellationToken);
            await LiveDocumentStore.MarkWrittenAsync(connection, transaction, pending, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return pending.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var written = await FlushOnceAsync(stoppingToken);
                status.Succeeded(written);
                if (written == options.Value.BatchSize)
                {
                    continue;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                status.Failed(ex);
                logger.LogWarning(ex, "Writing the live read model to Firestore failed; the changes stay pending.");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private CommitRequest ToCommit(IEnumerable<LiveDocumentChange> changes)
    {
        var commit = new CommitRequest { Database = firestore.DatabaseName };
        foreach (var change in changes)
        {
            var document = new Document { Name = firestore.DocumentName(change.Collection, change.DocumentId) };
            document.Fields.Add(change.Fields.Fields);
            commit.Writes.Add(new Write
            {
                // No update mask: the document is replaced, so a field the projection stops writing disappears.
                Update = document,
                UpdateTransforms =
                {
                    new DocumentTransform.Types.FieldTransform
                    {
                        FieldPath = UpdatedAtField,
                        SetToServerValue = DocumentTransform.Types.FieldTransform.Types.ServerValue.RequestTime,
                    },
                },
            });
        }
        return commit;
    }
}
